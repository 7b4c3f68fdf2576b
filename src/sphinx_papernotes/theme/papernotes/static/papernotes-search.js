/* Filter terms for Sphinx's built-in search page (papernotes theme).
 *
 * A query may hold tag:NAME, venue:NAME, year:YYYY and pick:yes|no terms
 * (a name with spaces in double quotes: tag:"Vision Transformer (ViT)").
 * They are taken out of the query, the rest is searched as usual, and only
 * the results whose note has every value asked for are listed (a page
 * result: any note of the page; a note's own result: that note). Values
 * are compared ignoring case. A query of filter terms only lists every page
 * with a matching note. The values come from papernotes-filters.js, written
 * by the extension after each build (search_filters.py) and loaded only when
 * a query has a filter term.
 */
(function () {
  "use strict";
  if (typeof Search === "undefined") return;

  const TERM = /(^|\s)(tag|venue|year|pick):(?:"([^"]*)"|(\S+))/gi;
  const script = document.currentScript;
  const dataUrl = new URL("papernotes-filters.js", script ? script.src : location.href);
  let loading = null;

  const load = () => {
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        const tag = document.createElement("script");
        tag.src = dataUrl.href;
        tag.onload = () => resolve(window.papernotesFilters || {});
        tag.onerror = () => reject(new Error("papernotes-filters.js did not load"));
        document.head.appendChild(tag);
      });
    }
    return loading;
  };

  /* The filter terms of a query, and the query without them. */
  const parse = (query) => {
    const terms = [];
    const rest = query.replace(TERM, (match, space, key, quoted, bare) => {
      terms.push([key.toLowerCase(), (quoted !== undefined ? quoted : bare).toLowerCase()]);
      return space;
    });
    return { terms, rest: rest.trim() };
  };

  const hasAll = (note, terms) =>
    terms.every(([key, value]) => (note[key] || []).some((v) => v.toLowerCase() === value));

  /* A note's own result (its anchor) is kept by that note; any other result
     of a page by any note of the page. */
  const keeps = (pages, terms) => ([docname, , anchor]) => {
    const notes = pages[docname] || [];
    const own = notes.filter((note) => `#${note.anchor}` === anchor);
    return (own.length ? own : notes).some((note) => hasAll(note, terms));
  };

  /* Every page holding a note (for a query of filter terms only). */
  const everyPage = (pages) => {
    const index = Search._index;
    const results = [];
    index.docnames.forEach((docname, i) => {
      if (pages[docname]) {
        results.push([docname, index.titles[i], "", null, 0, index.filenames[i], "title"]);
      }
    });
    return results;
  };

  const query = Search.query;
  Search.query = (text) => {
    const { terms, rest } = parse(text);
    if (!terms.length) return query(text);
    load()
      .catch((error) => {
        console.error(error); // no values: nothing can match the filters
        return {};
      })
      .then((pages) => {
        const perform = Search._performSearch;
        Search._performSearch = (...args) =>
          (rest ? perform(...args) : everyPage(pages)).filter(keeps(pages, terms));
        try {
          query(rest);
        } finally {
          Search._performSearch = perform;
        }
      });
  };
})();
