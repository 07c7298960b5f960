// Minimal glob matching for include/exclude/ignore paths: `**`, `*`, `?`, `{a,b}`.
// A pattern without a slash matches the base name anywhere (like .gitignore).
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let g = glob.replace(/^\.\//, '');
  const anchored = g.includes('/') && !g.endsWith('/') ? true : g.slice(0, -1).includes('/');
  if (g.endsWith('/')) g += '**';
  let src = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') {
          i++;
          src += '(?:.*/)?';
        } else src += '.*';
      } else src += '[^/]*';
    } else if (c === '?') src += '[^/]';
    else if (c === '{') {
      const end = g.indexOf('}', i);
      if (end < 0) src += '\\{';
      else {
        src += '(?:' + g.slice(i + 1, end).split(',').map(escape).join('|') + ')';
        i = end;
      }
    } else src += escape(c);
  }
  re = new RegExp(anchored ? `^${src}(?:/.*)?$` : `(?:^|/)${src}(?:/.*)?$`);
  cache.set(glob, re);
  return re;
}

function escape(s: string): string {
  return s.replace(/[.+^$()|[\]\\]/g, '\\$&');
}

export function matchesGlob(path: string, glob: string): boolean {
  return globToRegExp(glob).test(path.replace(/^\.\//, ''));
}
