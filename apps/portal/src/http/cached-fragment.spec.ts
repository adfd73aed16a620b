import nunjucks from 'nunjucks';
import { CachedFragment } from './cached-fragment';

describe('{% cached %}: a fragment drawn once per key', () => {
  const env = new nunjucks.Environment(null, { autoescape: true });
  env.addExtension('CachedFragment', new CachedFragment());
  let drawn = 0;
  env.addGlobal('draw', (text: string) => (drawn++, text));

  it('draws the block the first time its key is met, and sends the same markup after, unescaped again', () => {
    const template = '<p>{% cached "k" + key %}{{ draw(text) }} & <b>{{ key }}</b>{% endcached %}</p>';
    expect(env.renderString(template, { key: 1, text: '<i>' })).toBe('<p>&lt;i&gt; & <b>1</b></p>');
    expect(env.renderString(template, { key: 1, text: 'ignored' })).toBe('<p>&lt;i&gt; & <b>1</b></p>');
    expect(drawn).toBe(1);
    expect(env.renderString(template, { key: 2, text: 'two' })).toBe('<p>two & <b>2</b></p>');
    expect(drawn).toBe(2);
  });
});
