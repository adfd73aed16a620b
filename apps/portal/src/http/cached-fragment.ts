import nunjucks from 'nunjucks';

/** Most fragments a portal keeps (a navigation a role and page, a few constants): far more than it meets. */
const MAX_FRAGMENTS = 1000;

/**
 * `{% cached "key" %}…{% endcached %}`: the block is rendered the first time its key is met, and the same markup is
 * sent every time after. For the parts of every page that are the same for everyone (GOV.UK's header, phase banner
 * and footer, drawn through their macros, which cost a page about as much as its own content) or that depend only on
 * what the key says (the navigation of a role, on a page). The key must name everything the block reads.
 */
export class CachedFragment implements nunjucks.Extension {
  tags = ['cached'];
  private readonly fragments = new Map<string, string>();

  parse(parser: any, nodes: any): any {
    const token = parser.nextToken();
    const args = parser.parseSignature(null, true);
    parser.advanceAfterBlockEnd(token.value);
    const body = parser.parseUntilBlocks('endcached');
    parser.advanceAfterBlockEnd();
    return new nodes.CallExtension(this, 'render', args, [body]);
  }

  render(_context: unknown, key: unknown, body: () => string): nunjucks.runtime.SafeString {
    const name = String(key);
    let markup = this.fragments.get(name);
    if (markup === undefined) {
      markup = String(body());
      if (this.fragments.size >= MAX_FRAGMENTS) this.fragments.clear();
      this.fragments.set(name, markup);
    }
    return new nunjucks.runtime.SafeString(markup);
  }
}
