/* The Right Way course, SCO runtime part 1 of 5: finding and calling the LMS's API.
 * (The packager joins sco-lms.js, sco-state.js, sco-report.js, sco-language.js and
 * sco.js into sco/rightway-scorm-sco.js; each part adds to the private RightwaySco.)
 */
(function (sco) {
  "use strict";
  // ADL's reference search climbs 7 frames; LMS players (Moodle's, in a popup or a
  // frameset) can nest deeper, and a bound keeps a broken frame tree from looping.
  var MAX_FRAME_LEVELS = 10;
  sco.VERSIONS = {
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

  function searchUp(win, name) {
    for (var level = 0; win && level <= MAX_FRAME_LEVELS; level++) {
      try { if (win[name]) return { api: win[name], window: win }; } catch (e) { /* another origin's frame: look above it */ }
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

  // Every LMS call goes through the returned object: nothing is called before
  // initialising or after finishing, and nothing an LMS throws escapes.
  sco.connect = function (version) {
    var names = sco.VERSIONS[version];
    var found = findApi(names.api);
    var lms = {
      names: names, api: found ? found.api : null, window: found ? found.window : null,
      open: false, finished: false
    };
    function call(method, args) {
      if (!lms.open || lms.finished) return "";
      try {
        var value = lms.api[names[method]].apply(lms.api, args);
        return value === undefined || value === null ? "" : String(value);
      } catch (e) {
        return "";
      }
    }
    lms.get = function (element) { return call("getValue", [element]); };
    lms.set = function (element, value) { return call("setValue", [element, String(value)]) === "true"; };
    lms.commit = function () { return call("commit", [""]) === "true"; };
    lms.terminate = function () {
      var ok = call("terminate", [""]) === "true";
      lms.finished = true;
      return ok;
    };
    lms.tracking = function () { return lms.open && !lms.finished; };
    if (lms.api) {
      try { lms.open = String(lms.api[names.initialize]("")) === "true"; } catch (e) { lms.open = false; }
    }
    return lms;
  };
})(window.RightwaySco = window.RightwaySco || {});
