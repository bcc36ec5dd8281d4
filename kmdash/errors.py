"""The one exception type for problems the user can cause (bad file, bad option), and the one place where a
reader's failure becomes one."""

from collections.abc import Callable
from contextlib import contextmanager

from .i18n import t

PASSING = (KeyboardInterrupt, SystemExit, GeneratorExit)  # never a file's fault: never turned into a message


class LedgerError(Exception):
    """A problem with the user's input, told in Thai and English with what to do about it."""

    def __init__(self, th: str, en: str, unmapped: list[str] | None = None, code: str = ""):
        super().__init__(en)
        self.th = th
        self.en = en
        self.unmapped = list(unmapped or [])  # headers the user could map to fix this
        self.code = code  # the catalogue key it was worded from: what went wrong, as data

    @classmethod
    def of(cls, code: str, unmapped: list[str] | None = None, **values) -> "LedgerError":
        """The error the catalogue words under `code` with `values`, in both languages. A value that is a
        function of the language (a date, a field's name) is called with "th" and with "en"."""
        def told(lang: str) -> str:
            return t(code, lang, **{k: v(lang) if callable(v) else v for k, v in values.items()})

        return cls(told("th"), told("en"), unmapped, code)

    def message(self, lang: str = "th") -> str:
        return self.th if lang == "th" else self.en

    def one_line(self) -> str:
        """Both languages on one line, for the CLI's stderr."""
        return f"{self.th} | {self.en}".replace("\n", " ")


def is_panic(exc: BaseException) -> bool:
    """A Rust reader's panic: pyo3's PanicException (each extension has its own class, all of this name)."""
    return type(exc).__name__ == "PanicException"


@contextmanager
def errors_told(otherwise: Callable[[BaseException], LedgerError]):
    """Any exception inside becomes a LedgerError: a Rust reader's panic (a BaseException, which every
    `except Exception` lets by) as a damaged file, any other as `otherwise(exc)`. A LedgerError, an interrupt
    or an exit passes as it is."""
    try:
        yield
    except (LedgerError, *PASSING):
        raise
    except BaseException as exc:  # noqa: BLE001  (the user's file, not our state, is what went wrong)
        raise (LedgerError.of("file_damaged", reason=exc) if is_panic(exc) else otherwise(exc)) from exc


def file_errors_told():
    """Any failure while reading the user's file becomes a LedgerError: a file nobody foresaw still gets a
    message, not a traceback."""
    return errors_told(lambda exc: LedgerError.of("file_failed", kind=type(exc).__name__, reason=exc))
