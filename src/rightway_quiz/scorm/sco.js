/* The Right Way course: the SCORM runtime of a module's launch page (sco/<module>.html).
 *
 * The packager (rightway_quiz/scorm/_package.py) writes one launch page per module,
 * with its settings as JSON in <body data-rightway-sco>:
 *   version    "1.2" or "2004"
 *   module     the module's page ("principles/participation")
 *   quiz       {id, passMark} of the module's quiz, or null
 *   languages  the package's languages, the default first
 *   pages      every course page, sorted (visited pages are stored as bits of this list)
 *   pagesKey   a hash of pages, so a changed course ignores old visited bits
 *   notices    {language: {quizId: text}}: shown on another module's quiz, which this
 *              SCO saves but cannot report (the LMS credits the module whose SCO it is)
 * The launch page holds the LMS session for as long as the learner is in the module:
 * it initialises once, frames the course page, and finishes once, on pagehide or
 * RightwayScormHost.exit(). Course pages report to it through rightway-scorm.js, so
 * following links, or switching language, inside the frame never ends the session.
 * With no LMS, it simply shows the module's page.
 */
(function () {
  "use strict";
  var settings = JSON.parse(document.body.getAttribute("data-rightway-sco"));
  var frame = document.getElementById("rightway-content");
  var packageRoot = new URL("../", location.href); // launch pages live in sco/

  // -- the LMS's API ------------------------------------------------------------
  // ADL's reference search climbs 7 frames; LMS players (Moodle's, in a popup or a
  // frameset) can nest deeper, and a bound keeps a broken frame tree from looping.
  var MAX_FRAME_LEVELS = 10;
  var VERSIONS = {
    "1.2": {
      api: "API", initialize: "LMSInitialize", terminate: "LMSFinish", getValue: "LMSGetValue",
      setValue: "LMSSetValue", commit: "LMSCommit",
      location: "cmi.core.lesson_location", suspendData: "cmi.suspend_data",
      language: "cmi.student_preference.language", mode: "cmi.core.lesson_mode",
      exit: "cmi.core.exit", sessionTime: "cmi.core.session_time",
      suspendLimit: 4096 // what SCORM 1.2 LMSs keep; scorm-again accepts more, Moodle truncates
    },
    "2004": {
      api: "API_1484_11", initialize: "Initialize", terminate: "Terminate", getValue: "GetValue",
      setValue: "SetValue", commit: "Commit",
      location: "cmi.location", suspendData: "cmi.suspend_data",
      language: "cmi.learner_preference.language", mode: "cmi.mode",
      exit: "cmi.exit", sessionTime: "cmi.session_time",
      suspendLimit: 64000
    }
  };
  var names = VERSIONS[settings.version];

  function searchUp(win, name) {
    for (var level = 0; win && level <= MAX_FRAME_LEVELS; level++) {
      try { if (win[name]) return win[name]; } catch (e) { /* another origin's frame: look above it */ }
      var parent;
      try { parent = win.parent; } catch (e) { return null; }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }
  function findApi(name) {
    var found = searchUp(window, name);
    // An LMS that opens the course in a new window keeps the API in its own window.
    try { if (!found && window.opener) found = searchUp(window.opener, name); } catch (e) { found = null; }
    try { if (!found && window.top.opener) found = searchUp(window.top.opener, name); } catch (e) { found = null; }
    return found;
  }

  // Every LMS call goes through here: nothing is called before initialising or after finishing.
  var lms = { api: findApi(names.api), open: false, finished: false };
  function call(method, args) {
    if (!lms.open || lms.finished) return "";
    try {
      var value = lms.api[names[method]].apply(lms.api, args);
      return value === undefined || value === null ? "" : String(value);
    } catch (e) {
      return "";
    }
  }
  function get(element) { return call("getValue", [element]); }
  function set(element, value) { return call("setValue", [element, String(value)]) === "true"; }
  function commit() { call("commit", [""]); }
  if (lms.api) {
    try { lms.open = String(lms.api[names.initialize]("")) === "true"; } catch (e) { lms.open = false; }
  }

  // -- what the learner has done: kept in suspend_data ------------------------------
  var state = { visited: {}, quizzes: {} };
  var startedAt = Date.now();
  var reviewing = false;
  var lastSuspendData = null;

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
  function visitedHex() {
    var hex = "";
    for (var i = 0; i < settings.pages.length; i += 4) {
      var nibble = 0;
      for (var bit = 0; bit < 4; bit++) if (state.visited[i + bit]) nibble |= 1 << bit;
      hex += nibble.toString(16);
    }
    return hex.replace(/0+$/, "");
  }
  function encodeState() {
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
      if (text.length <= names.suspendLimit) return text;
      if (quizIds.length > 1) quizIds.pop();
      else if (keepVisited) keepVisited = false;
      else if (quizIds.length) quizIds.pop();
      else return "";
    }
  }
  function decodeState(text) {
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
  }
  function save() {
    var text = encodeState();
    if (text !== lastSuspendData && set(names.suspendData, text)) lastSuspendData = text;
  }

  // -- where the learner is ------------------------------------------------------------
  function pageUrl(language, page) { return new URL(language + "/" + page + ".html", packageRoot).href; }
  function locate(url) {
    var root = packageRoot.pathname;
    var path = decodeURIComponent(new URL(url).pathname);
    if (path.indexOf(root) !== 0) return null;
    var match = /^([^/]+)\/(.+)\.html$/.exec(path.slice(root.length));
    if (!match || settings.languages.indexOf(match[1]) === -1) return null;
    var index = settings.pages.indexOf(match[2]);
    return index === -1 ? null : { language: match[1], page: match[2], index: index };
  }
  function parseBookmark(text) {
    var match = /^([^/]+)\/(.+)$/.exec(text || "");
    if (!match || settings.languages.indexOf(match[1]) === -1 || settings.pages.indexOf(match[2]) === -1) return null;
    return { language: match[1], page: match[2] };
  }
  function preferredLanguage() {
    var preference = (get(names.language) || "").toLowerCase().split(/[-_]/)[0];
    return settings.languages.indexOf(preference) !== -1 ? preference : settings.languages[0];
  }

  // -- reporting a quiz --------------------------------------------------------------
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var DIGITS = "123456789";

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
        return Object.keys(map).sort().map(function (item) { return item + "[.]" + map[item]; }).join("[,]");
      };
      return { type: "matching", response: pairs(answer.response), correct: pairs(answer.correctResponse) };
    }
    return { type: "choice", response: answer.response.join("[,]"), correct: answer.correctResponse.join("[,]") };
  }

  // 1.2 interaction ids are write-only, so question n is always interaction n; 2004 can
  // read them back, so a question keeps its interaction even if the quiz is reordered.
  var interactionIndex = null;
  function interactionSlot(questionId, position) {
    if (settings.version === "1.2") return position;
    if (!interactionIndex) {
      interactionIndex = { count: parseInt(get("cmi.interactions._count"), 10) || 0, ids: {} };
      for (var i = 0; i < interactionIndex.count; i++) interactionIndex.ids[get("cmi.interactions." + i + ".id")] = i;
    }
    if (!(questionId in interactionIndex.ids)) interactionIndex.ids[questionId] = interactionIndex.count++;
    return interactionIndex.ids[questionId];
  }

  function reportInteractions(result, layout) {
    var now = new Date();
    result.responses.forEach(function (answer, position) {
      var base = "cmi.interactions." + interactionSlot(answer.questionId, position) + ".";
      var formatted = settings.version === "1.2" ? format12(answer, layout[answer.questionId] || {}) : format2004(answer);
      if (!formatted) formatted = { type: "fill-in", response: JSON.stringify(answer.response).slice(0, 255), correct: "" };
      set(base + "id", answer.questionId);
      set(base + "type", formatted.type);
      if (answer.objective) set(base + "objectives.0.id", answer.objective);
      set(base + (settings.version === "1.2" ? "time" : "timestamp"), settings.version === "1.2" ? time12(now) : timestamp2004(now));
      set(base + "weighting", "1");
      if (formatted.correct) set(base + "correct_responses.0.pattern", formatted.correct);
      // An empty response is not a valid value of any type: leave it unset.
      if (formatted.response) set(base + (settings.version === "1.2" ? "student_response" : "learner_response"), formatted.response);
      set(base + "result", answer.correct ? "correct" : settings.version === "1.2" ? "wrong" : "incorrect");
    });
  }

  // The LMS's mastery score, when it sets one, overrides the quiz's pass mark.
  function passMark() {
    var fromLms = settings.version === "1.2" ? get("cmi.student_data.mastery_score") : get("cmi.scaled_passing_score");
    var value = parseFloat(fromLms);
    if (!isNaN(value)) return settings.version === "1.2" ? value : value * 100;
    return settings.quiz.passMark;
  }

  // What the LMS already holds. A pass, once recorded, stays: a learner who goes back to
  // practise must not lose the pass their organisation's records depend on.
  var recorded = { passed: false, percent: -1 };
  function readRecorded() {
    var v12 = settings.version === "1.2";
    var score = parseFloat(get(v12 ? "cmi.core.score.raw" : "cmi.score.raw"));
    recorded.passed = get(v12 ? "cmi.core.lesson_status" : "cmi.success_status") === "passed";
    recorded.percent = isNaN(score) ? -1 : score;
  }

  function reportResult(result, layout) {
    var passed = result.percent >= passMark();
    reportInteractions(result, layout);
    if (recorded.passed && (!passed || result.percent < recorded.percent)) return;
    recorded = { passed: passed, percent: result.percent };
    if (settings.version === "1.2") {
      set("cmi.core.score.min", "0");
      set("cmi.core.score.max", "100");
      set("cmi.core.score.raw", result.percent);
      set("cmi.core.lesson_status", passed ? "passed" : "failed");
    } else {
      set("cmi.score.min", "0");
      set("cmi.score.max", "100");
      set("cmi.score.raw", result.percent);
      set("cmi.score.scaled", result.max ? Math.round((result.score / result.max) * 10000) / 10000 : 0);
      set("cmi.success_status", passed ? "passed" : "failed");
      set("cmi.completion_status", "completed");
      set("cmi.progress_measure", "1");
    }
  }

  // Opening the module is half of it; answering its quiz is the rest.
  function reportStart() {
    if (settings.version === "1.2") {
      var status = get("cmi.core.lesson_status");
      if (status === "" || status === "not attempted") set("cmi.core.lesson_status", settings.quiz ? "incomplete" : "completed");
    } else if (get("cmi.completion_status") !== "completed") {
      set("cmi.completion_status", settings.quiz ? "incomplete" : "completed");
      set("cmi.progress_measure", settings.quiz ? "0.5" : "1");
    }
  }

  // -- session time and finishing -------------------------------------------------------
  function sessionTime() {
    var seconds = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = seconds % 60;
    if (settings.version === "2004") return "PT" + hours + "H" + minutes + "M" + rest + "S";
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(Math.min(hours, 9999)) + ":" + two(minutes) + ":" + two(rest); // HHHH:MM:SS
  }
  function finish() {
    if (!lms.open || lms.finished) return;
    save();
    set(names.exit, "suspend"); // so the LMS resumes this attempt: bookmark and answers
    set(names.sessionTime, sessionTime());
    call("terminate", [""]);
    lms.finished = true;
  }

  // -- what course pages call (rightway-scorm.js) ----------------------------------
  function tracking() { return lms.open && !lms.finished; }
  window.RightwayScormHost = {
    pageShown: function (win) {
      try {
        frame.title = win.document.title;
        document.title = win.document.title;
        document.documentElement.lang = win.document.documentElement.lang || document.documentElement.lang;
      } catch (e) { /* not our page */ }
      if (!tracking()) return false;
      var where = locate(win.location.href);
      if (where) {
        state.visited[where.index] = true;
        set(names.location, where.language + "/" + where.page);
        save();
        commit();
      }
      return true;
    },
    notice: function (quizId, language) {
      if (!tracking() || (settings.quiz && settings.quiz.id === quizId)) return "";
      return (settings.notices[language] || {})[quizId] || "";
    },
    savedQuiz: function (quizId, version) {
      var quiz = tracking() ? state.quizzes[quizId] : null;
      if (!quiz || quiz.version !== version) return "";
      return JSON.stringify({ responses: quiz.responses, submitted: quiz.submitted });
    },
    quizChange: function (quizId, version, responsesJson) {
      if (!tracking()) return;
      state.quizzes[quizId] = { version: version, submitted: false, responses: JSON.parse(responsesJson) };
      save();
    },
    quizReset: function (quizId, version) {
      if (!tracking()) return;
      state.quizzes[quizId] = { version: version, submitted: false, responses: {} };
      save();
      commit();
    },
    quizResult: function (resultJson, layoutJson) {
      if (!tracking()) return;
      var result = JSON.parse(resultJson);
      var responses = {};
      result.responses.forEach(function (answer) { responses[answer.questionId] = answer.response; });
      // The attempt (seed and items drawn: see rightway-quiz.js), so a resume shows the same quiz.
      if (result.attempt) responses["@"] = [result.attempt];
      state.quizzes[result.quizId] = { version: result.quizVersion, submitted: true, responses: responses };
      if (!reviewing && settings.quiz && result.quizId === settings.quiz.id) reportResult(result, JSON.parse(layoutJson));
      save();
      commit();
    },
    exit: finish
  };

  // -- start ---------------------------------------------------------------------------
  var start = { language: settings.languages[0], page: settings.module };
  if (lms.open) {
    var mode = get(names.mode);
    reviewing = mode === "review" || mode === "browse";
    decodeState(get(names.suspendData));
    lastSuspendData = null;
    start = parseBookmark(get(names.location)) || { language: preferredLanguage(), page: settings.module };
    if (!reviewing) reportStart();
    if (settings.quiz) readRecorded();
    set(names.exit, "suspend");
    commit();
    window.addEventListener("pagehide", finish);
    // Hidden may be the last moment a page can talk to the LMS (a closed tab, a phone
    // switching apps), so save then; but the learner may come back, so do not finish.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && tracking()) { save(); commit(); }
    });
  }
  frame.src = pageUrl(start.language, start.page);
})();
