/* The Right Way course: the record of learning and the learner's answers file.
 *
 * After a pass, "Open my record of learning" opens a printable page in the page's
 * language: the learner's name (typed by them, optional), the module, date, score,
 * quiz version, the UNCRC articles the attempt covered, a reflection box, a
 * supervisor's sign-off box and a verification code. "Download my answers" (in
 * rightway-quiz.js) hands its file here: the name and the code are added, and the
 * file is named after the learner and the module, e.g. atebion-sian-jones-cyfranogiad.json.
 * The name never leaves the browser: nothing here sends anything anywhere.
 *
 * Not loaded with the page: rightway-quiz.js adds it when it is first needed (a pass, or
 * "Download my answers"), so a first visit does not pay for it.
 *
 * The code: the first 10 base32 characters of SHA-256 over a canonical JSON (sorted
 * keys, no spaces) of {answers, learner, questions, quiz_id, quiz_version}, exactly
 * as rightway_quiz/grader/verify.py computes it, so `rightway-quiz verify` can
 * confirm or refute a record. SHA-256 is computed here (not crypto.subtle) because
 * crypto.subtle is missing on plain-http LMS pages.
 */
(function () {
  "use strict";

  // -- SHA-256 (FIPS 180-4) over UTF-8 bytes ------------------------------------------
  var K = [];
  (function () {
    var found = 0;
    for (var n = 2; found < 64; n++) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
      if (prime) K[found++] = (Math.pow(n, 1 / 3) % 1) * 4294967296 | 0;
    }
  })();
  function sha256(bytes) {
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var length = bytes.length;
    var padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var bits = length * 8;
    for (var i = 0; i < 4; i++) padded[padded.length - 1 - i] = (bits >>> (8 * i)) & 255;
    padded[padded.length - 5] = Math.floor(length / 536870912) & 255;
    var w = new Array(64);
    for (var block = 0; block < padded.length; block += 64) {
      for (var t = 0; t < 16; t++) {
        var at = block + t * 4;
        w[t] = (padded[at] << 24) | (padded[at + 1] << 16) | (padded[at + 2] << 8) | padded[at + 3];
      }
      for (t = 16; t < 64; t++) {
        var a15 = w[t - 15], a2 = w[t - 2];
        var s0 = ((a15 >>> 7) | (a15 << 25)) ^ ((a15 >>> 18) | (a15 << 14)) ^ (a15 >>> 3);
        var s1 = ((a2 >>> 17) | (a2 << 15)) ^ ((a2 >>> 19) | (a2 << 13)) ^ (a2 >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var v = h.slice();
      for (t = 0; t < 64; t++) {
        var e = v[4], a = v[0];
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (v[7] + S1 + ((e & v[5]) ^ (~e & v[6])) + K[t] + w[t]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]))) | 0;
        v = [(t1 + t2) | 0, a, v[1], v[2], (v[3] + t1) | 0, e, v[5], v[6]];
      }
      for (t = 0; t < 8; t++) h[t] = (h[t] + v[t]) | 0;
    }
    var out = [];
    h.forEach(function (word) { out.push((word >>> 24) & 255, (word >>> 16) & 255, (word >>> 8) & 255, word & 255); });
    return out;
  }
  function base32(bytes) {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", out = "", buffer = 0, count = 0;
    bytes.forEach(function (byte) {
      buffer = (buffer << 8) | byte;
      count += 8;
      while (count >= 5) { out += alphabet.charAt((buffer >>> (count - 5)) & 31); count -= 5; }
      buffer &= 255;
    });
    return out;
  }
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (key) {
        return JSON.stringify(key) + ":" + canonical(value[key]);
      }).join(",") + "}";
    }
    return JSON.stringify(value);
  }
  function normalisedName(name) { return (name || "").normalize("NFC").split(/\s+/).filter(Boolean).join(" "); }
  function verificationCode(payload) {
    var answers = {}, questions = [];
    payload.answers.forEach(function (entry) {
      questions.push(entry.question_id);
      answers[entry.question_id] = entry.matches ? entry.matches : entry.options.slice().sort();
    });
    var text = canonical({ answers: answers, learner: normalisedName(payload.learner), questions: questions,
      quiz_id: payload.quiz_id, quiz_version: payload.quiz_version });
    return base32(sha256(new TextEncoder().encode(text))).slice(0, 10);
  }
  function shownCode(code) { return code.slice(0, 5) + "-" + code.slice(5); }

  // -- the learner, the module, the file ------------------------------------------------
  function words(form) { return JSON.parse(form.getAttribute("data-record-strings") || "{}"); }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) { return key in values ? values[key] : match; });
  }
  function learnerName(form) {
    var field = form.querySelector(".rightway-learner-name");
    return normalisedName(field ? field.value : "");
  }
  function moduleTitle() {
    var heading = document.querySelector("article h1, h1");
    return heading ? heading.textContent.replace(/[#¶]\s*$/, "").trim() : "";
  }
  function slug(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  }
  function fileName(form) {
    var parts = [words(form).fileStem || "answers", slug(learnerName(form)), slug(moduleTitle()) || form.dataset.quizId];
    return parts.filter(Boolean).join("-") + ".json";
  }
  function withRecord(form, payload) {
    var name = learnerName(form);
    if (name) payload.learner = name;
    if (payload.result && payload.result.passed) payload.verification_code = shownCode(verificationCode(payload));
    return payload;
  }
  function save(form, payload) {
    var blob = new Blob([JSON.stringify(withRecord(form, payload), null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName(form);
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    return true;
  }

  // -- the record ------------------------------------------------------------------------
  var STYLE = "body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#000;line-height:1.45}" +
    "h1{font-size:1.7rem;margin-bottom:0}h2{font-size:1.15rem;margin:1.5rem 0 .4rem;break-after:avoid}" +
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem}dt{font-weight:700}dd{margin:0}" +
    ".box{border:1px solid #000;min-height:7rem;margin:.5rem 0}.line{border-bottom:1px solid #000;min-height:1.8rem;margin:.3rem 0 .8rem}" +
    ".code{font:700 1.6rem/1.2 'DejaVu Sans Mono',monospace;letter-spacing:.15em}.help{font-size:.9rem}" +
    "button{font:inherit;min-height:2.75rem;padding:.4rem 1rem}@media print{button{display:none}body{margin:0}}";

  function element(doc, tag, text, className) {
    var node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function articlesCovered(form, text) {
    var numbers = [];
    Array.prototype.forEach.call(form.querySelectorAll(".rightway-question:not([hidden])"), function (question) {
      (question.dataset.articles || "").split(" ").filter(Boolean).forEach(function (n) {
        if (numbers.indexOf(Number(n)) === -1) numbers.push(Number(n));
      });
    });
    return numbers.sort(function (a, b) { return a - b; }).map(function (n) { return format(text.article, { number: n }); }).join(", ");
  }
  // The month by name where the browser knows the language (some builds have no Welsh
  // data and would print an English month on a Welsh record), else day/month/year.
  function longDate(iso, language) {
    var date = new Date(iso);
    var locale = language === "cy" ? "cy-GB" : "en-GB";
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length) {
        return date.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" });
      }
    } catch (e) { /* an old browser: numbers below */ }
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + date.getFullYear();
  }
  function recordDocument(form, payload) {
    var text = words(form);
    var language = form.dataset.language || "en";
    var code = shownCode(verificationCode(payload));
    var doc = document.implementation.createHTMLDocument(text.title + ": " + moduleTitle());
    doc.documentElement.lang = language;
    var meta = doc.createElement("meta");
    meta.setAttribute("charset", "utf-8");
    doc.head.insertBefore(meta, doc.head.firstChild);
    doc.head.appendChild(element(doc, "style", STYLE));
    var main = doc.body.appendChild(element(doc, "main"));
    main.appendChild(element(doc, "h1", text.title));
    var brand = document.querySelector(".brand, .sidebar-brand-text");
    if (brand) main.appendChild(element(doc, "p", brand.textContent.trim()));
    var facts = main.appendChild(element(doc, "dl"));
    var result = payload.result;
    [
      [text.name, payload.learner || ""],
      [text.module, moduleTitle()],
      [text.date, longDate(payload.submitted_at, language)],
      [text.score, format(text.scoreValue, { score: result.score, max: result.max, percent: result.percent })],
      [text.quizVersion, payload.quiz_id + " " + payload.quiz_version],
      [text.articles, articlesCovered(form, text)]
    ].forEach(function (pair) {
      facts.appendChild(element(doc, "dt", pair[0]));
      facts.appendChild(element(doc, "dd", pair[1], pair[0] === text.score ? "rightway-record-score" : ""));
    });
    main.appendChild(element(doc, "h2", text.reflection));
    main.appendChild(element(doc, "p", text.reflectionPrompt));
    main.appendChild(element(doc, "div", "", "box"));
    main.appendChild(element(doc, "h2", text.signOff));
    main.appendChild(element(doc, "p", text.signOffText));
    [text.supervisor, text.signature, text.date].forEach(function (label) {
      main.appendChild(element(doc, "div", label + ":", "line"));
    });
    main.appendChild(element(doc, "h2", text.code));
    main.appendChild(element(doc, "p", code, "code"));
    main.appendChild(element(doc, "p", format(text.codeHelp, { file: fileName(form), code: code }), "help"));
    var button = main.appendChild(element(doc, "button", text.print));
    button.type = "button";
    button.setAttribute("onclick", "window.print()");
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML;
  }
  function openRecord(form) {
    var quiz = window.RightwayQuiz;
    var payload = quiz && withRecord(form, quiz.answersDocument(form.dataset.quizId));
    if (!payload || !payload.result || !payload.result.passed) return;
    var blob = new Blob([recordDocument(form, payload)], { type: "text/html;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.target = "_blank";
    link.rel = "noopener";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // rightway-quiz.js loads this script when a record is first needed (after a pass, or
  // for a download) and shows or hides the record button itself: nothing to set up here.
  window.RightwayRecord = {
    open: openRecord,
    download: function (form, payload) { return save(form, payload); },
    verificationCode: verificationCode
  };
})();
