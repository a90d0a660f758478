/* The Right Way course: a course page's side of the SCORM runtime.
 *
 * In an LMS, each module is launched through a small SCO page (sco/<module>.html,
 * see rightway_quiz/scorm/sco.js) that holds the LMS session and frames the
 * course pages. This script, on every course page, looks up the parent chain
 * for that launch page (window.RightwayScormHost, same origin only) and:
 *   - tells it which page is showing (bookmark, pages visited) and which section
 *     the learner is reading (window.RightwayPlace, from rightway.js), so a
 *     bookmark brings them back to that section, not the page's top;
 *   - hands quiz saving to the LMS: it marks <html data-rightway-lms> before
 *     rightway-quiz.js runs (this file loads first), so a shared computer's
 *     browser storage never leaks one learner's answers into another's record;
 *   - restores the learner's saved answers with RightwayQuiz.setResponses;
 *   - notes on another module's quiz that the LMS credits it in that module;
 *   - forwards the quiz events to the launch page, which reports to the LMS.
 * With no launch page above it (the plain course), it does nothing and throws nothing.
 */
(function () {
  "use strict";
  // Launch page > course page is one level; LMS players add their own frames above.
  var MAX_PARENT_LEVELS = 10;

  function findHost() {
    var win = window;
    for (var level = 0; level < MAX_PARENT_LEVELS; level++) {
      var parent;
      try {
        parent = win.parent;
        if (!parent || parent === win) return null;
        if (parent.RightwayScormHost) return parent.RightwayScormHost;
      } catch (e) {
        return null; // a cross-origin frame: the launch page is always same-origin with us
      }
      win = parent;
    }
    return null;
  }

  var host = findHost();
  if (!host) return;
  var tracking = false;
  try { tracking = !!host.pageShown(window); } catch (e) { return; }
  if (!tracking) return;
  document.documentElement.setAttribute("data-rightway-lms", "");

  var restoring = false;

  // The quiz's layout (option and item order), which SCORM 1.2's one-letter responses need.
  function layout(form) {
    var questions = {};
    Array.prototype.forEach.call(form.querySelectorAll(".rightway-question"), function (question) {
      questions[question.dataset.questionId] = {
        options: Array.prototype.map.call(question.querySelectorAll("[data-option-id]"), function (el) { return el.dataset.optionId; }),
        items: Array.prototype.map.call(question.querySelectorAll("[data-item-id]"), function (el) { return el.dataset.itemId; })
      };
    });
    return questions;
  }

  function send(method, args) {
    try { host[method].apply(host, args); } catch (e) { /* the launch page is gone (closing): nothing to report to */ }
  }

  document.addEventListener("rightway:quiz-result", function (event) {
    if (restoring) return; // a restored result is already in the LMS
    send("quizResult", [JSON.stringify(event.detail), JSON.stringify(layout(event.target))]);
  });
  document.addEventListener("rightway:quiz-change", function (event) {
    if (restoring) return;
    var form = event.target;
    send("quizChange", [event.detail.quizId, form.dataset.quizVersion, JSON.stringify(event.detail.responses)]);
  });
  document.addEventListener("rightway:quiz-reset", function (event) {
    send("quizReset", [event.detail.quizId, event.target.dataset.quizVersion]);
  });

  function addNotice(quiz) {
    var text = "";
    try { text = host.notice(quiz.id, document.documentElement.lang) || ""; } catch (e) { text = ""; }
    if (!text) return;
    var note = document.createElement("p");
    note.className = "rightway-scorm-notice";
    note.setAttribute("role", "note");
    note.textContent = text;
    var intro = quiz.element.querySelector(".rightway-quiz-intro");
    quiz.element.insertBefore(note, intro ? intro.nextSibling : quiz.element.firstChild);
  }

  function restore() {
    if (!window.RightwayQuiz) return;
    window.RightwayQuiz.quizzes().forEach(function (quiz) {
      addNotice(quiz);
      var saved = null;
      try { saved = JSON.parse(host.savedQuiz(quiz.id, quiz.version) || "null"); } catch (e) { saved = null; }
      if (!saved) return;
      // The quiz's questions load on the way to it; saved answers bring them at once.
      window.RightwayQuiz.whenReady(quiz.id, function () {
        restoring = true;
        try { window.RightwayQuiz.setResponses(quiz.id, saved.responses, saved.submitted); } finally { restoring = false; }
      });
    });
  }
  // After rightway-quiz.js (a later deferred script) has set up its forms.
  document.addEventListener("DOMContentLoaded", restore);

  // The section being read, as rightway.js defines it for the journey and the language
  // switch (it loads after this file, so it is looked up when the learner scrolls).
  function currentSection() {
    return window.RightwayPlace ? window.RightwayPlace.currentSection() : "";
  }
  var scheduled = false;
  window.addEventListener("scroll", function () {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      send("sectionShown", [window, currentSection()]);
    });
  }, { passive: true });
})();
