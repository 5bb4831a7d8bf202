// Package search builds the full-text index the search box reads: every
// word of every page (title, aliases, headings, summary, body), split into
// chunk files by word so that a query fetches only the chunks of its own
// words, and fragment files with the text that snippets are cut from,
// fetched only for the results shown.
//
// Words are folded the same way here and in the built-in script (site.js):
// decomposed (NFD), combining marks dropped, lower-cased with Unicode
// rules, ß as ss and final ς as σ; a word is a run of letters and digits.
// So "Ё" finds "е", "Straße" finds "strasse", "Café" finds "cafe" (and
// "й" folds to "и", a cost of dropping every mark).
//
// The files, all deterministic for the same pages:
//
//	search/index.json             the manifest: where each chunk starts, its
//	                              file and size, and the fragment files: their
//	                              hashes and how many pages each holds
//	assets/search/c/HASH.json     a chunk: word -> [page delta, weight, ...]
//	assets/search/f/HASH.frag     a fragment file, gzip: for each of its
//	                              pages, URL, title, kind, date, sections
//	                              [id, heading, text]
//
// Chunk files are named by their contents and fragment files by their
// pages' fragments, so both can be cached for ever and an edit renames
// only the files it changes; only the small manifest is checked on each
// use. With a Store (the build's cache directory) each page's words and
// fragment, and each compressed fragment file, are kept between builds,
// so that only the pages whose text changed are read again and only the
// files they are in compressed again.
package search
