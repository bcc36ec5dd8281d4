"""The one exception type for problems the user can cause (bad file, bad option)."""


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
