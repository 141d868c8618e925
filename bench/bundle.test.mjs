import { describe, expect, it } from 'vitest';
import { scriptSources } from './bundle.mjs';

describe('scriptSources', () => {
  it('lists the external scripts a modern browser loads, skipping the noModule polyfill and inline scripts', () => {
    const html =
      '<script src="/_next/static/chunks/a.js" async=""></script>' +
      '<script src="/_next/static/chunks/polyfill.js" noModule=""></script>' +
      '<script nonce="n">self.__next_f=[]</script>' +
      '<script async src="/_next/static/chunks/b.js"></script>';
    expect(scriptSources(html)).toEqual(['/_next/static/chunks/a.js', '/_next/static/chunks/b.js']);
  });
});
