"""Who is named in the grader's output: learners and files by name, or by stable codes."""

from __future__ import annotations

from ._output import pseudonym
from .gradebook import Rejection


class Namer:
    """Learner names as given, or stable codes with ``--pseudonymise``.

    Pseudonymised, nothing that may hold a name gets out: file names become
    file codes and rejection reasons lose the text copied from the input.
    """

    def __init__(self, pseudonymise: bool = False, salt: str = "") -> None:
        self.pseudonymise = pseudonymise
        self.salt = salt
        self._codes: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if not self.pseudonymise:
            return name
        code = self._codes.get(name)
        if code is None:
            code = self._codes[name] = pseudonym(name, self.salt)
        return code

    def source(self, path: str) -> str:
        """A file name, or (pseudonymised) a code for it: file names often hold a learner's name."""
        if not self.pseudonymise:
            return path
        return "F-" + pseudonym("\0file:" + path, self.salt)[2:]

    def reason(self, rejection: Rejection) -> str:
        """Why an answer was rejected, without input text when pseudonymised."""
        return rejection.private_reason if self.pseudonymise else rejection.reason

    def rejection(self, rejection: Rejection) -> str:
        """A rejection as one line: file, row and reason."""
        return str(
            Rejection(
                self.source(rejection.source),
                rejection.unit,
                rejection.number,
                self.reason(rejection),
            )
        )
