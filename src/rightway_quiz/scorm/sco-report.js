/* The Right Way course, SCO runtime part 3 of 5: reporting a quiz to the LMS.
 *
 * A pass is reported as a score with passed (1.2) or completed + passed (2004), and
 * kept when the learner later practises and does worse. A failed attempt is reported
 * question by question (interactions) but leaves the module incomplete, with no score:
 * an LMS that turns a score under the mastery score into "failed" (Moodle, on
 * LMSFinish) or that stops recording once every module is completed, passed or
 * failed (Moodle's review mode) then still records the learner's retake.
 */
(function (sco) {
  "use strict";
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var DIGITS = "123456789";

  // Author ids as SCORM identifiers: hyphens become underscores, so every token is
  // [A-Za-z0-9_.] (Moodle's CMIShortIdentifier). The build refuses ids for which this
  // is ambiguous or invalid (rightway_quiz/scorm/identifiers.py), so it is reversible.
  function token(id) { return String(id).replace(/-/g, "_"); }
  sco.token = token;

  function timestamp2004(date) { return date.toISOString().slice(0, 22) + "Z"; } // hundredths, then the zone
  function time12(date) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(date.getHours()) + ":" + two(date.getMinutes()) + ":" + two(date.getSeconds());
  }

  // SCORM 1.2 responses are single characters: option ids stay if they already are one
  // (a, b, c), otherwise options become letters and matching items digits, by position.
  function format12(answer, layout) {
    var options = layout.options || [];
    var items = layout.items || [];
    var simple = options.every(function (id) { return /^[0-9a-z]$/.test(id); });
    function optionChar(id) {
      if (simple) return id;
      var index = options.indexOf(id);
      return index === -1 ? "" : LETTERS.charAt(index);
    }
    if (answer.type === "true_false") {
      var tf = function (list) { return list.length ? list[0].charAt(0) : ""; }; // "t" or "f"
      return { type: "true-false", response: tf(answer.response), correct: tf(answer.correctResponse) };
    }
    if (answer.type === "matching") {
      if (items.length > DIGITS.length || options.length > LETTERS.length) return null;
      var pairs = function (map) {
        return items.filter(function (item) { return map[item]; }).map(function (item) {
          return DIGITS.charAt(items.indexOf(item)) + "." + LETTERS.charAt(options.indexOf(map[item]));
        }).join(",");
      };
      return { type: "matching", response: pairs(answer.response), correct: pairs(answer.correctResponse) };
    }
    if (!simple && options.length > LETTERS.length) return null;
    return {
      type: "choice",
      response: answer.response.map(optionChar).join(","),
      correct: answer.correctResponse.map(optionChar).join(",")
    };
  }
  function format2004(answer) {
    if (answer.type === "true_false") {
      return { type: "true-false", response: answer.response[0] || "", correct: answer.correctResponse[0] };
    }
    if (answer.type === "matching") {
      var pairs = function (map) {
        return Object.keys(map).sort().filter(function (item) { return map[item]; }).map(function (item) {
          return token(item) + "[.]" + token(map[item]);
        }).join("[,]");
      };
      return { type: "matching", response: pairs(answer.response), correct: pairs(answer.correctResponse) };
    }
    return { type: "choice", response: answer.response.map(token).join("[,]"), correct: answer.correctResponse.map(token).join("[,]") };
  }

  sco.createReporter = function (lms, settings) {
    var v12 = settings.version === "1.2";
    var get = lms.get;
    var set = lms.set;

    // 1.2 interaction ids are write-only, so question n is always interaction n; 2004 can
    // read them back, so a question keeps its interaction even if the quiz is reordered.
    var interactionIndex = null;
    function interactionSlot(id, position) {
      if (v12) return position;
      if (!interactionIndex) {
        interactionIndex = { count: parseInt(get("cmi.interactions._count"), 10) || 0, ids: {} };
        for (var i = 0; i < interactionIndex.count; i++) interactionIndex.ids[get("cmi.interactions." + i + ".id")] = i;
      }
      if (!(id in interactionIndex.ids)) interactionIndex.ids[id] = interactionIndex.count++;
      return interactionIndex.ids[id];
    }

    function reportInteractions(result, layout) {
      var now = new Date();
      result.responses.forEach(function (answer, position) {
        var id = token(answer.questionId);
        var base = "cmi.interactions." + interactionSlot(id, position) + ".";
        var formatted = v12 ? format12(answer, layout[answer.questionId] || {}) : format2004(answer);
        if (!formatted) formatted = { type: "fill-in", response: JSON.stringify(answer.response).slice(0, 255), correct: "" };
        set(base + "id", id);
        set(base + "type", formatted.type);
        if (answer.objective) set(base + "objectives.0.id", token(answer.objective));
        set(base + (v12 ? "time" : "timestamp"), v12 ? time12(now) : timestamp2004(now));
        set(base + "weighting", "1");
        if (formatted.correct) set(base + "correct_responses.0.pattern", formatted.correct);
        // An empty response is not a valid value of any type: leave it unset.
        if (formatted.response) set(base + (v12 ? "student_response" : "learner_response"), formatted.response);
        set(base + "result", answer.correct ? "correct" : v12 ? "wrong" : "incorrect");
      });
    }

    // The LMS's mastery score, when it sets one, overrides the quiz's pass mark.
    function passMark() {
      var value = parseFloat(get(v12 ? "cmi.student_data.mastery_score" : "cmi.scaled_passing_score"));
      if (!isNaN(value)) return v12 ? value : value * 100;
      return settings.quiz.passMark;
    }

    // What the LMS already holds. A pass, once recorded, stays: a learner who goes back to
    // practise must not lose the pass their organisation's records depend on.
    var recorded = { passed: false, percent: -1 };
    function readRecorded() {
      var score = parseFloat(get(v12 ? "cmi.core.score.raw" : "cmi.score.raw"));
      recorded.passed = get(v12 ? "cmi.core.lesson_status" : "cmi.success_status") === "passed";
      recorded.percent = isNaN(score) ? -1 : score;
    }

    function reportPass(result) {
      recorded = { passed: true, percent: result.percent };
      var score = v12 ? "cmi.core.score." : "cmi.score.";
      set(score + "min", "0");
      set(score + "max", "100");
      set(score + "raw", result.percent);
      if (v12) {
        set("cmi.core.lesson_status", "passed");
        return;
      }
      set("cmi.score.scaled", result.max ? Math.round((result.score / result.max) * 10000) / 10000 : 0);
      set("cmi.success_status", "passed");
      set("cmi.completion_status", "completed");
      set("cmi.progress_measure", "1");
    }

    return {
      readRecorded: readRecorded,
      result: function (result, layout) {
        reportInteractions(result, layout);
        if (result.percent < passMark()) return; // failed: the module stays incomplete (see above)
        if (recorded.passed && result.percent <= recorded.percent) return;
        reportPass(result);
      },
      // Opening the module is half of it; passing its quiz is the rest.
      start: function () {
        if (v12) {
          var status = get("cmi.core.lesson_status");
          if (status === "" || status === "not attempted") set("cmi.core.lesson_status", settings.quiz ? "incomplete" : "completed");
        } else if (get("cmi.completion_status") !== "completed") {
          set("cmi.completion_status", settings.quiz ? "incomplete" : "completed");
          set("cmi.progress_measure", settings.quiz ? "0.5" : "1");
        }
      }
    };
  };
})(window.RightwaySco = window.RightwaySco || {});
