/* The Right Way course: self-marking quiz runtime.
 *
 * Markup comes from the Sphinx extension (rightway_quiz/quiz.py). Answer keys
 * are option ids in data-correct; a learner can read them, and nobody trusts a
 * score from the browser: the grader re-marks downloaded answers.
 *
 * API for the SCORM layer and other hosts (window.RightwayQuiz):
 *   quizzes()                 -> [{id, version, passMark, element}]
 *   getResponses(quizId)      -> {questionId: [optionIds] | {itemId: optionId}}
 *   setResponses(quizId, responses, submit) restores answers (and marks them if submit)
 *   result(quizId)            -> the last result, or null
 * Events, bubbling from the quiz's <form>:
 *   "rightway:quiz-result"  detail = result (see markQuiz)
 *   "rightway:quiz-change"  detail = {quizId, responses}
 *   "rightway:quiz-reset"   detail = {quizId}
 * Inside an LMS, <html data-rightway-lms> (set by rightway-scorm.js) turns browser
 * storage off: the LMS keeps the answers, and a shared computer must not mix learners.
 */
(function () {
  "use strict";
  var STORAGE_PREFIX = "rightway-quiz:v1:";
  var results = {};

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) { return key in values ? values[key] : match; });
  }
  function strings(form) { return JSON.parse(form.getAttribute("data-strings") || "{}"); }
  function storageKey(form) {
    return STORAGE_PREFIX + form.dataset.language + ":" + location.pathname + ":" + form.dataset.quizId;
  }
  function lmsSaves() { return document.documentElement.hasAttribute("data-rightway-lms"); }
  function store(form, value) {
    if (lmsSaves()) return;
    try { localStorage.setItem(storageKey(form), JSON.stringify(value)); } catch (e) { /* storage may be off in an LMS frame */ }
  }
  function stored(form) {
    if (lmsSaves()) return null;
    try { return JSON.parse(localStorage.getItem(storageKey(form)) || "null"); } catch (e) { return null; }
  }

  function questionResponse(question) {
    if (question.dataset.type === "matching") {
      var matches = {};
      all(question, ".rightway-match").forEach(function (item) {
        var value = item.querySelector("select").value;
        if (value) matches[item.dataset.itemId] = value;
      });
      return matches;
    }
    return all(question, "input:checked").map(function (input) { return input.value; }).sort();
  }
  function correctResponse(question) {
    if (question.dataset.type === "matching") {
      var key = {};
      all(question, ".rightway-match").forEach(function (item) { key[item.dataset.itemId] = item.dataset.answer; });
      return key;
    }
    return question.dataset.correct.split(" ").filter(Boolean).sort();
  }
  function isAnswered(question, response) {
    if (question.dataset.type === "matching") {
      return Object.keys(response).length === all(question, ".rightway-match").length;
    }
    return response.length > 0;
  }
  function isCorrect(question, response) {
    var key = correctResponse(question);
    if (question.dataset.type === "matching") {
      return Object.keys(key).every(function (item) { return response[item] === key[item]; });
    }
    return response.length === key.length && response.every(function (id, i) { return id === key[i]; });
  }

  function getResponses(form) {
    var responses = {};
    all(form, ".rightway-question").forEach(function (question) {
      responses[question.dataset.questionId] = questionResponse(question);
    });
    return responses;
  }
  function setResponses(form, responses) {
    all(form, ".rightway-question").forEach(function (question) {
      var response = responses[question.dataset.questionId];
      if (!response) return;
      if (question.dataset.type === "matching") {
        all(question, ".rightway-match").forEach(function (item) {
          var select = item.querySelector("select");
          var value = response[item.dataset.itemId] || "";
          if (all(select, "option").some(function (o) { return o.value === value; })) select.value = value;
        });
      } else {
        all(question, "input").forEach(function (input) { input.checked = response.indexOf(input.value) !== -1; });
      }
    });
  }

  function showFeedback(question, response, correct, text) {
    var verdict = question.querySelector(".rightway-verdict");
    verdict.textContent = (correct ? "✓ " : "✗ ") + (correct ? text.correct : text.incorrect);
    question.classList.toggle("rightway-is-correct", correct);
    question.classList.toggle("rightway-is-incorrect", !correct);
    question.querySelector(".rightway-question-result").hidden = false;
    var chosen = question.dataset.type === "matching"
      ? Object.keys(response).map(function (k) { return response[k]; })
      : response;
    all(question, ".rightway-feedback").forEach(function (feedback) {
      feedback.hidden = chosen.indexOf(feedback.dataset.feedbackFor) === -1;
    });
    if (question.dataset.type === "matching") {
      all(question, ".rightway-match").forEach(function (item) {
        var line = item.querySelector(".rightway-match-verdict");
        var right = response[item.dataset.itemId] === item.dataset.answer;
        line.textContent = (right ? "✓ " : "✗ ") + (right ? text.correct : text.incorrect);
        line.hidden = false;
      });
    }
  }
  function clearFeedback(form) {
    all(form, ".rightway-question").forEach(function (question) {
      question.classList.remove("rightway-is-correct", "rightway-is-incorrect");
      question.querySelector(".rightway-question-result").hidden = true;
      all(question, ".rightway-feedback, .rightway-match-verdict").forEach(function (el) { el.hidden = true; });
    });
  }

  // The live region says the score and, for each question not right, the feedback on the
  // learner's choice with a link to the question: screen-reader users hear it all at once.
  function showSummary(form, status, result, text) {
    status.textContent = "";
    var line = document.createElement("p");
    line.textContent = format(text.score, result) + " " + (result.passed ? text.passed : format(text.notPassed, result));
    status.appendChild(line);
    var list = document.createElement("ul");
    all(form, ".rightway-question").forEach(function (question, i) {
      var response = result.responses[i];
      if (response.correct) return;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + question.id;
      link.textContent = question.querySelector(".rightway-question-number").textContent;
      item.appendChild(link);
      var chosen = question.dataset.type === "matching"
        ? Object.keys(response.response).map(function (k) { return response.response[k]; })
        : response.response;
      var notes = all(question, ".rightway-feedback").filter(function (feedback) {
        return chosen.indexOf(feedback.dataset.feedbackFor) !== -1;
      }).map(function (feedback) { return feedback.textContent.trim(); });
      item.appendChild(document.createTextNode(": " + text.incorrect + ". " + notes.join(" ")));
      list.appendChild(item);
    });
    if (list.children.length) status.appendChild(list);
  }

  function markQuiz(form, options) {
    var text = strings(form);
    var questions = all(form, ".rightway-question");
    var responses = [];
    var missing = [];
    questions.forEach(function (question, index) {
      var response = questionResponse(question);
      if (!isAnswered(question, response)) missing.push(String(index + 1));
      responses.push({
        questionId: question.dataset.questionId,
        type: question.dataset.type,
        objective: question.dataset.objective,
        response: response,
        correctResponse: correctResponse(question),
        correct: isCorrect(question, response)
      });
    });
    var status = form.querySelector(".rightway-quiz-result");
    if (missing.length && !options.force) {
      status.textContent = format(text.answerAll, { questions: missing.join(", ") });
      status.focus();
      return null;
    }
    var score = responses.filter(function (r) { return r.correct; }).length;
    var max = responses.length;
    var percent = max ? Math.round((score / max) * 100) : 0;
    var passMark = Number(form.dataset.passMark);
    var result = {
      quizId: form.dataset.quizId,
      quizVersion: form.dataset.quizVersion,
      language: form.dataset.language,
      score: score, max: max, percent: percent, passMark: passMark,
      passed: percent >= passMark,
      responses: responses,
      submittedAt: new Date().toISOString()
    };
    questions.forEach(function (question, i) { showFeedback(question, responses[i].response, responses[i].correct, text); });
    showSummary(form, status, result, text);
    status.classList.toggle("rightway-passed", result.passed);
    form.querySelector('[data-action="retry"]').hidden = false;
    results[result.quizId] = result;
    store(form, { version: form.dataset.quizVersion, responses: getResponses(form), submitted: true, submittedAt: result.submittedAt });
    if (!options.silent) status.focus();
    form.dispatchEvent(new CustomEvent("rightway:quiz-result", { bubbles: true, detail: result }));
    return result;
  }

  function download(form) {
    var state = stored(form) || {};
    var answers = all(form, ".rightway-question").map(function (question) {
      var response = questionResponse(question);
      return question.dataset.type === "matching"
        ? { question_id: question.dataset.questionId, matches: response }
        : { question_id: question.dataset.questionId, options: response };
    });
    var payload = {
      format: "rightway-answers",
      format_version: 1,
      quiz_id: form.dataset.quizId,
      quiz_version: form.dataset.quizVersion,
      language: form.dataset.language,
      page: location.pathname.split("/").slice(-2).join("/"),
      submitted_at: state.submittedAt || new Date().toISOString(),
      answers: answers
    };
    var blob = new Blob([JSON.stringify(payload, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "answers-" + form.dataset.quizId + ".json";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function reset(form) {
    all(form, "input").forEach(function (input) { input.checked = false; });
    all(form, "select").forEach(function (select) { select.value = ""; });
    clearFeedback(form);
    delete results[form.dataset.quizId];
    store(form, { version: form.dataset.quizVersion, responses: {}, submitted: false });
    var status = form.querySelector(".rightway-quiz-result");
    status.textContent = "";
    form.querySelector('[data-action="retry"]').hidden = true;
    var first = form.querySelector("input, select");
    if (first) first.focus();
    form.dispatchEvent(new CustomEvent("rightway:quiz-reset", { bubbles: true, detail: { quizId: form.dataset.quizId } }));
  }

  function setup(form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); markQuiz(form, {}); });
    form.addEventListener("change", function () {
      var state = stored(form) || {};
      store(form, { version: form.dataset.quizVersion, responses: getResponses(form), submitted: !!state.submitted, submittedAt: state.submittedAt });
      form.dispatchEvent(new CustomEvent("rightway:quiz-change", { bubbles: true, detail: { quizId: form.dataset.quizId, responses: getResponses(form) } }));
    });
    form.querySelector('[data-action="retry"]').addEventListener("click", function () { reset(form); });
    form.querySelector('[data-action="download"]').addEventListener("click", function () { download(form); });
    var state = stored(form);
    if (state && state.version === form.dataset.quizVersion && state.responses) {
      setResponses(form, state.responses);
      if (state.submitted) markQuiz(form, { force: true, silent: true });
      else if (Object.keys(state.responses).length) form.querySelector(".rightway-quiz-result").textContent = strings(form).restored;
    }
  }

  function formFor(quizId) { return document.querySelector('form.rightway-quiz[data-quiz-id="' + quizId + '"]'); }

  window.RightwayQuiz = {
    quizzes: function () {
      return all(document, "form.rightway-quiz").map(function (form) {
        return { id: form.dataset.quizId, version: form.dataset.quizVersion, passMark: Number(form.dataset.passMark), element: form };
      });
    },
    getResponses: function (quizId) { var form = formFor(quizId); return form ? getResponses(form) : null; },
    setResponses: function (quizId, responses, submit) {
      var form = formFor(quizId);
      if (!form) return null;
      setResponses(form, responses);
      store(form, { version: form.dataset.quizVersion, responses: getResponses(form), submitted: !!submit });
      return submit ? markQuiz(form, { force: true, silent: true }) : null;
    },
    result: function (quizId) { return results[quizId] || null; }
  };

  function init() { all(document, "form.rightway-quiz").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
