/* The Right Way course, SCO runtime part 2 of 5: what the learner has done, kept in
 * suspend_data: pages visited (bits of settings.pages) and each quiz's answers.
 */
(function (sco) {
  "use strict";

  function compactResponses(quizId, responses) {
    var compact = {};
    Object.keys(responses).forEach(function (questionId) {
      var key = questionId.indexOf(quizId + "-") === 0 ? "~" + questionId.slice(quizId.length + 1) : questionId;
      var value = responses[questionId];
      compact[key] = Array.isArray(value) ? value.join(",") : value;
    });
    return compact;
  }
  function expandResponses(quizId, compact) {
    var responses = {};
    Object.keys(compact || {}).forEach(function (key) {
      var questionId = key.charAt(0) === "~" ? quizId + "-" + key.slice(1) : key;
      var value = compact[key];
      responses[questionId] = typeof value === "string" ? value.split(",").filter(Boolean) : value;
    });
    return responses;
  }

  sco.createState = function (settings, limit) {
    var state = { visited: {}, quizzes: {} };

    function visitedHex() {
      var hex = "";
      for (var i = 0; i < settings.pages.length; i += 4) {
        var nibble = 0;
        for (var bit = 0; bit < 4; bit++) if (state.visited[i + bit]) nibble |= 1 << bit;
        hex += nibble.toString(16);
      }
      return hex.replace(/0+$/, "");
    }
    state.encode = function () {
      var quizIds = Object.keys(state.quizzes);
      var own = settings.quiz ? settings.quiz.id : null;
      // The module's own quiz is dropped last if the LMS's limit is ever reached.
      quizIds.sort(function (a, b) { return (a === own ? 0 : 1) - (b === own ? 0 : 1); });
      var keepVisited = true;
      for (;;) {
        var quizzes = {};
        quizIds.forEach(function (id) {
          var quiz = state.quizzes[id];
          quizzes[id] = [quiz.version, quiz.submitted ? 1 : 0, compactResponses(id, quiz.responses)];
        });
        var data = { v: 1, k: settings.pagesKey, p: keepVisited ? visitedHex() : "", q: quizzes };
        var text = JSON.stringify(data);
        if (text.length <= limit) return text;
        if (quizIds.length > 1) quizIds.pop();
        else if (keepVisited) keepVisited = false;
        else if (quizIds.length) quizIds.pop();
        else return "";
      }
    };
    state.decode = function (text) {
      var data;
      try { data = JSON.parse(text); } catch (e) { return; }
      if (!data || data.v !== 1) return;
      if (data.k === settings.pagesKey && typeof data.p === "string") {
        for (var i = 0; i < data.p.length; i++) {
          var nibble = parseInt(data.p.charAt(i), 16) || 0;
          for (var bit = 0; bit < 4; bit++) if (nibble & (1 << bit)) state.visited[i * 4 + bit] = true;
        }
      }
      Object.keys(data.q || {}).forEach(function (quizId) {
        var entry = data.q[quizId];
        if (!Array.isArray(entry)) return;
        state.quizzes[quizId] = { version: entry[0], submitted: entry[1] === 1, responses: expandResponses(quizId, entry[2]) };
      });
    };
    return state;
  };
})(window.RightwaySco = window.RightwaySco || {});
