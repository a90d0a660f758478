/* The Right Way course, SCO runtime part 5 of 5: a module's launch page (sco/<module>.html).
 *
 * The packager (rightway_quiz/scorm/_launch.py) writes one launch page per module,
 * with its settings as JSON in <body data-rightway-sco>:
 *   version    "1.2" or "2004"
 *   module     the module's page ("principles/participation")
 *   quiz       {id, passMark} of the module's quiz, or null
 *   languages  the package's languages, the default first
 *   pages      every course page, sorted (visited pages are stored as bits of this list)
 *   pagesKey   a hash of pages, so a changed course ignores old visited bits
 *   notices    {language: {quizId: text}}: shown on another module's quiz, which this
 *              SCO saves but cannot report (the LMS credits the module whose SCO it is)
 *   strings    {language: {notRecorded, notSaved}}: what the launch page tells the learner
 * The launch page holds the LMS session for as long as the learner is in the module:
 * it initialises once, frames the course page, and finishes once, on pagehide or
 * RightwayScormHost.exit(). Course pages report to it through rightway-scorm.js, so
 * following links, or switching language, inside the frame never ends the session.
 * Everything is committed as it happens (a page shown, a section reached, an answer
 * changed), because an LMS may be unable to save while the page is being dismissed:
 * the finish then carries nothing new but the session time.
 * With no LMS, it simply shows the module's page.
 */
(function (sco) {
  "use strict";
  var settings = JSON.parse(document.body.getAttribute("data-rightway-sco"));
  var frame = document.getElementById("rightway-content");
  var noticeBox = document.getElementById("rightway-sco-notice");
  var packageRoot = new URL("../", location.href); // launch pages live in sco/
  var lms = sco.connect(settings.version);
  var names = lms.names;
  var state = sco.createState(settings, names.suspendLimit);
  var reporter = sco.createReporter(lms, settings);
  var startedAt = Date.now();
  var reviewing = false;
  var lastSuspendData = null;
  var shown = { language: settings.languages[0], page: settings.module, section: "" };
  var writtenLanguage = "";
  var noticesShown = {};

  // -- telling the learner -----------------------------------------------------------
  // Once per session and kind, in the language of the page they are reading.
  function notify(key) {
    if (noticesShown[key]) return;
    var text = (settings.strings[shown.language] || {})[key] || (settings.strings[settings.languages[0]] || {})[key];
    if (!text) return;
    noticesShown[key] = true;
    noticeBox.lang = settings.strings[shown.language] ? shown.language : settings.languages[0];
    noticeBox.textContent = text;
    noticeBox.hidden = false;
  }
  function commit() { if (lms.tracking() && !lms.commit()) notify("notSaved"); }
  function save() {
    var text = state.encode();
    if (text !== lastSuspendData && lms.set(names.suspendData, text)) lastSuspendData = text;
  }

  // -- where the learner is ------------------------------------------------------------
  function pageUrl(where) {
    var url = new URL(where.language + "/" + where.page + ".html", packageRoot);
    if (where.section) url.hash = where.section;
    return url.href;
  }
  function locate(url) {
    var root = packageRoot.pathname;
    var path = decodeURIComponent(new URL(url).pathname);
    if (path.indexOf(root) !== 0) return null;
    var match = /^([^/]+)\/(.+)\.html$/.exec(path.slice(root.length));
    if (!match || settings.languages.indexOf(match[1]) === -1) return null;
    var index = settings.pages.indexOf(match[2]);
    return index === -1 ? null : { language: match[1], page: match[2], index: index };
  }
  // "en/principles/participation#the-rights-involved": language, page, nearest heading.
  function bookmark(where) { return where.language + "/" + where.page + (where.section ? "#" + where.section : ""); }
  function parseBookmark(text) {
    var match = /^([^/#]+)\/([^#]+)(?:#(.*))?$/.exec(text || "");
    if (!match || settings.languages.indexOf(match[1]) === -1 || settings.pages.indexOf(match[2]) === -1) return null;
    return { language: match[1], page: match[2], section: match[3] || "" };
  }
  function writeLanguage(language) {
    if (language === writtenLanguage || reviewing) return;
    if (lms.set(names.language, language)) writtenLanguage = language;
  }
  function showLocation() {
    lms.set(names.location, bookmark(shown));
    commit();
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
    if (!lms.tracking()) return;
    save(); // nothing new unless an LMS refused an earlier save
    lms.set(names.exit, "suspend"); // so the LMS resumes this attempt: bookmark and answers
    lms.set(names.sessionTime, sessionTime());
    if (!lms.terminate()) notify("notSaved");
  }

  // -- what course pages call (rightway-scorm.js) ----------------------------------
  window.RightwayScormHost = {
    pageShown: function (win) {
      try {
        frame.title = win.document.title;
        document.title = win.document.title;
        document.documentElement.lang = win.document.documentElement.lang || document.documentElement.lang;
      } catch (e) { /* not our page */ }
      var where = locate(win.location.href);
      if (where) shown = { language: where.language, page: where.page, section: decodeURIComponent(win.location.hash.slice(1)) };
      if (!lms.tracking()) return false;
      if (where) {
        state.visited[where.index] = true;
        writeLanguage(where.language);
        save();
        showLocation();
      }
      return true;
    },
    sectionShown: function (win, section) {
      var where = lms.tracking() ? locate(win.location.href) : null;
      if (!where || where.page !== shown.page || section === shown.section) return;
      shown.section = section;
      showLocation();
    },
    notice: function (quizId, language) {
      if (!lms.tracking() || (settings.quiz && settings.quiz.id === quizId)) return "";
      return (settings.notices[language] || {})[quizId] || "";
    },
    savedQuiz: function (quizId, version) {
      var quiz = lms.tracking() ? state.quizzes[quizId] : null;
      if (!quiz || quiz.version !== version) return "";
      return JSON.stringify({ responses: quiz.responses, submitted: quiz.submitted });
    },
    quizChange: function (quizId, version, responsesJson) {
      if (!lms.tracking()) return;
      state.quizzes[quizId] = { version: version, submitted: false, responses: JSON.parse(responsesJson) };
      save();
      commit();
    },
    quizReset: function (quizId, version) {
      if (!lms.tracking()) return;
      state.quizzes[quizId] = { version: version, submitted: false, responses: {} };
      save();
      commit();
    },
    quizResult: function (resultJson, layoutJson) {
      if (!lms.tracking()) return;
      var result = JSON.parse(resultJson);
      var responses = {};
      result.responses.forEach(function (answer) { responses[answer.questionId] = answer.response; });
      // The attempt (seed and items drawn: see rightway-quiz.js), so a resume shows the same quiz.
      if (result.attempt) responses["@"] = [result.attempt];
      state.quizzes[result.quizId] = { version: result.quizVersion, submitted: true, responses: responses };
      if (!reviewing && settings.quiz && result.quizId === settings.quiz.id) reporter.result(result, JSON.parse(layoutJson));
      save();
      commit();
    },
    exit: finish
  };

  // -- start ---------------------------------------------------------------------------
  var start = { language: settings.languages[0], page: settings.module, section: "" };
  if (lms.open) {
    var mode = lms.get(names.mode);
    reviewing = mode === "review" || mode === "browse";
    state.decode(lms.get(names.suspendData));
    var preference = sco.normaliseLanguage(lms.get(names.language));
    if (settings.languages.indexOf(preference) !== -1) writtenLanguage = preference;
    start = parseBookmark(lms.get(names.location)) || {
      language: sco.startLanguage(settings.languages, preference, lms.window),
      page: settings.module,
      section: ""
    };
    shown = { language: start.language, page: start.page, section: start.section };
    if (!reviewing) reporter.start();
    if (settings.quiz) reporter.readRecorded();
    lms.set(names.exit, "suspend");
    commit();
    window.addEventListener("pagehide", finish);
    // Hidden may be the last moment a page can talk to the LMS (a closed tab, a phone
    // switching apps), so save then; but the learner may come back, so do not finish.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && lms.tracking()) { save(); commit(); }
    });
  } else if (lms.api) {
    // The LMS refused to start a session (Moodle's 2004 player after another module
    // finished, until the learner re-enters the activity): say so rather than pretend.
    start.language = sco.startLanguage(settings.languages, "", lms.window);
    shown.language = start.language;
    notify("notRecorded");
  }
  frame.src = pageUrl(start);
})(window.RightwaySco = window.RightwaySco || {});
