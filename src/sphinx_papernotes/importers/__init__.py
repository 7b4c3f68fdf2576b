"""Converters from other formats to MyST paper notes, used by the ``papernotes`` command.

Like the exporters, this layer imports only the model, never Sphinx, so each
converter can be tested on its own and runs without a Sphinx project.

- :mod:`.github` — GitHub issues (REST API JSON or ``gh issue list
  --json``) to one note per issue, with :mod:`.json_pages` (paginated
  JSON), :mod:`.titles` (the ``Title, FirstAuthor+, Venue'YY`` patterns),
  :mod:`.names` (names, notes in brackets, organisations), :mod:`.sections`
  (``# Authors``, ``# Summary``… sections of a body), :mod:`.paper_links`
  (link fields by kind), :mod:`.posts` (short labels for X posts) and
  :mod:`.summary` (which paragraph is the summary);
- :mod:`.markdown` — GitHub Markdown to a MyST note body, with
  :mod:`.blocks` (which lines are code or HTML), :mod:`.code` (languages
  Sphinx can highlight) and :mod:`.html` (unsafe HTML, pictures);
- :mod:`.bibtex` — a ``.bib`` file to one stub note per entry;
- :mod:`.new_note` — the template of ``papernotes new``;
- :mod:`.myst` — option values and fences that read back exactly as written;
- :mod:`.files` — idempotent writing, with a header that detects hand edits;
- :mod:`.scan` — the note ids already present in a folder;
- :mod:`.report` — what an import did, for the summary and the exit code;
- :mod:`.progress` — a small progress bar for long imports.
"""
