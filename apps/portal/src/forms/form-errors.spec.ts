import { firstMessage, validateForm } from './form-errors';
import { SignInForm } from './portal-forms';

describe('form errors', () => {
  it.each([
    [{ email: '', password: '' }, 'Enter your email address'],
    [{ email: '   ', password: 'x' }, 'Enter your email address'],
    [{ email: 'not-an-email', password: 'x' }, 'Enter an email address in the correct format, like name@example.com'],
  ])('sign-in with %j says "%s"', (body, text) => {
    expect(validateForm(SignInForm, body).errors?.byField.email.text).toBe(text);
  });

  it('says an answer is missing before it says its format is wrong', () => {
    expect(firstMessage({ property: 'email', constraints: { isEmail: 'format', isNotEmpty: 'Enter it' } })).toBe(
      'Enter it',
    );
    expect(firstMessage({ property: 'email', constraints: { isEmail: 'format' } })).toBe('format');
  });
});
