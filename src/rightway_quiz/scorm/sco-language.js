/* The Right Way course, SCO runtime part 4 of 5: which language a learner starts in.
 *
 * In order: the language the LMS holds for the learner (Moodle only passes one stored
 * earlier, which this runtime writes back); the LMS page's own <html lang>, when the
 * browser lets a same-origin frame read it (Moodle sets it to the learner's Moodle
 * language); the browser's languages; the package's first language (Welsh).
 */
(function (sco) {
  "use strict";
  // ISO 639-2 codes some LMSs use (both the terminology and the bibliographic one).
  var THREE_LETTER = { cym: "cy", wel: "cy", eng: "en" };

  function normalise(code) {
    var base = String(code || "").trim().toLowerCase().split(/[-_]/)[0];
    return THREE_LETTER[base] || base;
  }
  sco.normaliseLanguage = normalise;

  function pageLanguages(lmsWindow) {
    var found = [];
    [lmsWindow, window.top].forEach(function (win) {
      try {
        if (win && win !== window) found.push(win.document.documentElement.getAttribute("lang"));
      } catch (e) { /* another origin: the browser does not let us read it */ }
    });
    return found;
  }

  sco.startLanguage = function (languages, lmsPreference, lmsWindow) {
    var candidates = [lmsPreference].concat(pageLanguages(lmsWindow), navigator.languages || [navigator.language]);
    for (var i = 0; i < candidates.length; i++) {
      var code = normalise(candidates[i]);
      if (code && languages.indexOf(code) !== -1) return code;
    }
    return languages[0];
  };
})(window.RightwaySco = window.RightwaySco || {});
