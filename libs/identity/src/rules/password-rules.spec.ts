import { passwordProblems } from './password-rules';

describe('passwordProblems', () => {
  const email = 'sam.tester@example.com';
  it.each<[string, string, string[]]>([
    ['12 characters', 'abcdefghijkl', []],
    ['a long passphrase', 'correct horse battery staple', []],
    ['11 characters', 'abcdefghijk', ['Use at least 12 characters']],
    ['empty', '', ['Use at least 12 characters']],
    ['emoji count as one character each', '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', ['Use at least 12 characters']],
    ['only spaces', ' '.repeat(12), ['A password cannot be only spaces']],
    ['the email address', email, ['Do not use your email address as your password']],
    ['the email address in capitals', ' SAM.TESTER@EXAMPLE.COM ', ['Do not use your email address as your password']],
    ['too long', 'a'.repeat(257), ['Use at most 256 characters']],
    ['exactly the maximum', 'a'.repeat(256), []],
  ])('%s', (_label, password, problems) => {
    expect(passwordProblems(password, email)).toEqual(problems);
  });
});
