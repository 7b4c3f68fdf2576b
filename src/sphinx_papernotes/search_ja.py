"""A search language for ``language = "ja"`` whose index and queries split alike.

Sphinx's own Japanese search splits the indexed text with TinySegmenter but
the query only at spaces and punctuation, so a compound word (事前学習) or a
tag (自然言語処理) typed in the search box matches nothing in the index.
Here both sides cut the text the same way: runs of Japanese characters
(kanji, hiragana, katakana) become character n-grams, everything else is
split into words as Sphinx's English search does (and stemmed by the same
Snowball stemmer in Python and JavaScript).

The index holds every 2- and 3-character piece of each run (a run of one
character is kept as it is). A query run of two characters is looked up
whole; a longer one as all its 3-character pieces, which the Sphinx search
page requires together, so a query finds the notes holding its characters
contiguously (or, rarely, every 3-character piece of it apart).
"""

from __future__ import annotations

import re

from sphinx import package_dir
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

# Kanji (with 々 and the compatibility block), hiragana, katakana (with ー) and
# half-width katakana. The JavaScript below spells the same ranges.
JAPANESE = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_TOKEN = re.compile(f"[{JAPANESE}]+|[^\\W{JAPANESE}]+")
_IS_JAPANESE = re.compile(f"[{JAPANESE}]")

# Splits a query exactly as ``SearchJapaneseNgrams.split`` splits a query run,
# and words the way Sphinx's default JavaScript splitter does.
_JS_SPLITTER = r"""
const PN_JA = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f";
const PN_TOKEN = new RegExp(
  "[" + PN_JA + "]+|(?:(?![" + PN_JA + "])[\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}])+",
  "gu",
);
const PN_IS_JA = new RegExp("[" + PN_JA + "]");
var splitQuery = (query) => {
  const terms = [];
  for (const token of query.match(PN_TOKEN) || []) {
    if (!PN_IS_JA.test(token) || token.length < 3) {
      terms.push(token);
      continue;
    }
    for (let start = 0; start + 3 <= token.length; start += 1) {
      terms.push(token.slice(start, start + 3));
    }
  }
  return terms;
};
"""

# Snowball's English stemmer for words in Latin script; Japanese pieces as is.
_JS_STEMMER_WRAPPER = r"""
var Stemmer = function () {
  const english = new EnglishStemmer();
  this.stemWord = (word) => (/^[\x00-\x7f]*$/.test(word) ? english.stemWord(word) : word);
};
"""


def ngrams(run: str) -> list[str]:
    """What the index holds for one run of Japanese characters."""
    if len(run) < 2:
        return [run]
    pieces = [run[start : start + 2] for start in range(len(run) - 1)]
    pieces += [run[start : start + 3] for start in range(len(run) - 2)]
    return pieces


def query_terms(query: str) -> list[str]:
    """What the search page looks up for ``query`` (the Python twin of the JS)."""
    terms: list[str] = []
    for token in _TOKEN.findall(query):
        if not _IS_JAPANESE.match(token) or len(token) < 3:
            terms.append(token)
        else:
            terms += [token[start : start + 3] for start in range(len(token) - 2)]
    return terms


class SearchJapaneseNgrams(SearchLanguage):
    """Japanese as character n-grams, other scripts as stemmed English words."""

    lang = "ja"
    language_name = "Japanese"
    stopwords = SearchEnglish.stopwords  # Sphinx's own list, wherever it keeps it
    js_splitter_code = _JS_SPLITTER

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.english = SearchEnglish(options)
        minified = package_dir.joinpath("search", "minified-js")
        self.js_stemmer_code = "\n".join(
            (
                minified.joinpath("base-stemmer.js").read_text(encoding="utf-8"),
                minified.joinpath("english-stemmer.js").read_text(encoding="utf-8"),
                _JS_STEMMER_WRAPPER,
            )
        )

    def split(self, input: str) -> list[str]:
        words: list[str] = []
        for token in _TOKEN.findall(input):
            if _IS_JAPANESE.match(token):
                words += ngrams(token)
            else:
                words.append(token)
        return words

    def stem(self, word: str) -> str:
        if word.isascii():
            return self.english.stem(word)
        return word
