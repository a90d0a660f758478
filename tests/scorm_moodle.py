"""A test LMS that applies Moodle's SCORM rules, around scorm-again.

Moodle 4.5's player (mod/scorm, checked in ../shared/FIELD-NOTES.md) differs from
scorm-again in ways a package must survive:

- it checks values against its own data-model formats: choice and matching tokens
  against ``CMIShortIdentifier`` (``^[\\w.]{1,250}$``), ids against its
  ``CMIIdentifier``/``CMILongIdentifier``; a value that fails is refused (406);
- in SCORM 2004 its API stays terminated after a SCO's ``Terminate``: choosing
  another module from its contents list swaps the frame and the next
  ``Initialize`` is refused (104);
- on ``LMSFinish`` (1.2, normal mode, credit) it rewrites ``lesson_status`` to
  passed or failed from ``score.raw`` against the mastery score;
- once every SCO of the attempt is completed, passed or failed it launches SCOs in
  review mode (no credit), unless a new attempt is forced;
- its "learning objects" grading counts SCOs passed or completed.

``MOODLE_CHECKS`` is the format half, loaded into the test LMS page (the strictest
reading of the standards as well as Moodle's own patterns); ``MoodleCourse`` is the
record-keeping half, in Python, between launches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Installed by the host page as window.moodleCheck(version, element, value, types) →
#: an error code ("0" when Moodle and the strictest reading of the standard accept it).
MOODLE_CHECKS = r"""
(function () {
  var SHORT = /^[\w.]{1,250}$/;                       // CMIShortIdentifier (2004)
  var LONG = /^(?:(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000})$/; // CMILongIdentifier (4.5)
  var ENDS_ALNUM = /^\S{0,4000}[a-zA-Z0-9]$/;         // CMIIdentifier / older CMILongIdentifier
  var ID12 = /^[A-Za-z0-9_.]{1,255}$/;                // 1.2 CMIIdentifier, read strictly ("alphanumeric")
  var CHAR12 = /^[0-9a-z]$/;                          // 1.2 choice and matching responses
  function list(value, delimiter, each, max, unique) {
    var parts = value.split(delimiter);
    if (parts.length > max) return false;
    if (unique && new Set(parts).size !== parts.length) return false;
    return parts.every(each);
  }
  var RESPONSES = {
    "2004": {
      "true-false": function (v) { return /^(true|false)$/.test(v); },
      "choice": function (v) { return list(v, "[,]", function (t) { return SHORT.test(t); }, 36, true); },
      "matching": function (v) {
        return list(v, "[,]", function (pair) {
          var two = pair.split("[.]");
          return two.length === 2 && SHORT.test(two[0]) && SHORT.test(two[1]);
        }, 36, false);
      },
      "fill-in": function (v) { return v.length <= 250; }
    },
    "1.2": {
      "true-false": function (v) { return /^[01tf]$/.test(v); },
      "choice": function (v) { return list(v, ",", function (t) { return CHAR12.test(t); }, 26, true); },
      "matching": function (v) {
        return list(v, ",", function (pair) { return /^[0-9a-z]\.[0-9a-z]$/.test(pair); }, 26, false);
      },
      "fill-in": function (v) { return v.length <= 255; }
    }
  };
  window.moodleCheck = function (version, element, value, types) {
    var bad = version === "1.2" ? "405" : "406";
    var match = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
    if (!match) return "0";
    var field = match[2];
    if (field === "id" || /^objectives\.\d+\.id$/.test(field)) {
      var ok = version === "1.2" ? ID12.test(value) && ENDS_ALNUM.test(value) : LONG.test(value) && ENDS_ALNUM.test(value);
      return ok ? "0" : bad;
    }
    if (field === "type") { types[match[1]] = value; return "0"; }
    if (field === "learner_response" || field === "student_response" || /^correct_responses\.\d+\.pattern$/.test(field)) {
      var check = RESPONSES[version][types[match[1]]];
      return check && check(value) ? "0" : bad;
    }
    return "0";
  };
})();
"""

DONE = {"completed", "passed", "failed"}


@dataclass
class MoodleCourse:
    """One learner's attempt at a multi-SCO package, as Moodle keeps it between launches."""

    version: str
    scos: list[str]
    mastery: dict[str, int]
    records: dict[str, dict[str, str]] = field(default_factory=dict)

    def status(self, sco: str) -> str:
        """The status Moodle shows and tests: success where known, else completion."""
        values = self.records.get(sco, {})
        if self.version == "1.2":
            return values.get("cmi.core.lesson_status", "not attempted")
        success = values.get("cmi.success_status", "unknown")
        return (
            success
            if success in ("passed", "failed")
            else values.get("cmi.completion_status", "unknown")
        )

    def mode(self) -> str:
        """Review once every SCO is completed, passed or failed (force new attempt: No)."""
        return "review" if all(self.status(sco) in DONE for sco in self.scos) else "normal"

    def launch_record(self, sco: str) -> dict[str, Any]:
        """The initial values for scorm-again when the learner opens ``sco``."""
        values = self.records.get(sco, {})
        mode = self.mode()
        credit = "credit" if mode == "normal" else "no-credit"
        entry = (
            "resume"
            if values.get("cmi.core.exit", values.get("cmi.exit")) == "suspend"
            else "ab-initio"
        )
        if self.version == "1.2":
            record12: dict[str, Any] = {
                "core": {
                    "entry": entry,
                    "lesson_mode": mode,
                    "credit": credit,
                    "lesson_location": values.get("cmi.core.lesson_location", ""),
                    "lesson_status": values.get("cmi.core.lesson_status", "not attempted"),
                    "score": {"raw": values.get("cmi.core.score.raw", "")},
                },
                "suspend_data": values.get("cmi.suspend_data", ""),
            }
            if sco in self.mastery:
                record12["student_data"] = {"mastery_score": str(self.mastery[sco])}
            return record12
        record: dict[str, Any] = {
            "entry": entry,
            "mode": mode,
            "credit": credit,
            "location": values.get("cmi.location", ""),
            "completion_status": values.get("cmi.completion_status", "unknown"),
            "success_status": values.get("cmi.success_status", "unknown"),
            "suspend_data": values.get("cmi.suspend_data", ""),
        }
        if sco in self.mastery:
            record["scaled_passing_score"] = str(self.mastery[sco] / 100)
        if "cmi.score.raw" in values:
            record["score"] = {"raw": values["cmi.score.raw"]}
        return record

    def store(self, sco: str, values: dict[str, str], mode: str) -> None:
        """Keep what a session set, as Moodle does on finishing (review mode stores nothing)."""
        if mode == "review":
            return
        kept = {**self.records.get(sco, {}), **values}
        raw = kept.get("cmi.core.score.raw", "")
        if self.version == "1.2" and raw and sco in self.mastery:
            # LMSFinish in normal mode with credit: lesson_status from the score.
            passed = float(raw) >= self.mastery[sco]
            kept["cmi.core.lesson_status"] = "passed" if passed else "failed"
        self.records[sco] = kept

    def learning_objects_grade(self) -> int:
        """Moodle's "learning objects" grading: SCOs passed or completed."""
        return sum(1 for sco in self.scos if self.status(sco) in ("passed", "completed"))
