"""The one exception type for problems the user can cause (bad file, bad option)."""

from contextlib import contextmanager


class LedgerError(Exception):
    """A problem with the user's input, told in Thai and English with what to do about it."""

    def __init__(self, th: str, en: str, unmapped: list[str] | None = None):
        super().__init__(en)
        self.th = th
        self.en = en
        self.unmapped = list(unmapped or [])  # headers the user could map to fix this

    def message(self, lang: str = "th") -> str:
        return self.th if lang == "th" else self.en

    def one_line(self) -> str:
        """Both languages on one line, for the CLI's stderr."""
        return f"{self.th} | {self.en}".replace("\n", " ")


@contextmanager
def file_errors_told():
    """Any failure while reading the user's file becomes a LedgerError: a file nobody foresaw still gets a
    message, not a traceback."""
    try:
        yield
    except LedgerError:
        raise
    except Exception as exc:  # noqa: BLE001  (the user's file, not our state, is what went wrong)
        raise LedgerError(
            f"อ่านไฟล์นี้ไม่สำเร็จ ({type(exc).__name__}: {exc}) เปิดใน Excel แล้วบันทึกเป็น .xlsx ใหม่ "
            "หากยังไม่ได้ โปรดส่งไฟล์ให้ผู้ดูแลระบบ",
            f"could not read this file ({type(exc).__name__}: {exc}); open it in Excel and save it as .xlsx "
            "again, and if that fails send the file to the maintainers") from exc
