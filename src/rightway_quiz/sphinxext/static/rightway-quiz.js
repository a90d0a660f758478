/* The Right Way course: self-marking quiz runtime.
 *
 * Markup comes from the Sphinx extension (rightway_quiz/sphinxext/quiz.py). Answer keys
 * are option ids in data-correct; a learner can read them, and nobody trusts a
 * score from the browser: the grader re-marks downloaded answers.
 *
 * Attempts. The form holds a quiz's whole bank (once loaded: see below). Each attempt has a seed, and draws
 * data-draw questions from the bank (at least one per objective, then at random,
 * preferring questions the previous attempt did not ask) and shuffles each question's
 * options (unless data-shuffle="false": an ordered scale). Questions not drawn are
 * hidden and their fields disabled: no keyboard, screen reader or score sees them.
 * The attempt travels as a short token, "<seed base 36>[.<bank positions drawn, hex>]",
 * under the key "@" of the saved responses (browser storage, SCORM suspend_data), so a
 * reload or an LMS resume shows the same questions in the same order; "Try again"
 * starts a new attempt. Everything recorded (answers, downloads, interactions) uses
 * question and option ids, so the order never changes what is recorded.
 *
 * API for the SCORM layer and other hosts (window.RightwayQuiz):
 *   quizzes()                 -> [{id, version, passMark, element}]
 *   getResponses(quizId)      -> {questionId: [optionIds] | {itemId: optionId}, "@": [attempt]}
 *                                (the questions this attempt asks, and the attempt's token)
 *   setResponses(quizId, responses, submit) restores the attempt and answers (and marks them if submit)
 *   result(quizId)            -> the last result, or null
 *   answersDocument(quizId)   -> the answers file's JSON (see download); with "result" only
 *                                while the answers are the ones last marked
 *   draw(bank, count, seed, avoid) -> drawn question ids: bank is [{id, objective}]
 *   whenReady(quizId, callback) calls callback(form) once the quiz's questions are in the
 *                                page (at once if they are), loading them if need be
 *   bank(quizId, html)        called by the bank script (below) with the quiz's questions
 * Until its questions are in the page, a quiz's getResponses and answersDocument give null
 * and setResponses waits for them (returning null).
 *
 * The question bank. A scored quiz's questions are not in the page's HTML: the page has a
 * holder (div.rightway-quiz-bank, data-bank = a hash of the bank's content) and the
 * questions come from _static/rightway-bank-<quiz id>.js, a plain script beside this one
 * (so file:// and SCORM packages work), loaded when the quiz comes within two screens of
 * the learner, before printing, or when a host asks (whenReady: the LMS restoring answers).
 * The form is set up (attempt, restored answers) when its questions arrive.
 * Events, bubbling from the quiz's <form>:
 *   "rightway:quiz-result"  detail = result (see markQuiz; result.attempt is the token)
 *   "rightway:quiz-change"  detail = {quizId, responses}
 *   "rightway:quiz-reset"   detail = {quizId} (then a quiz-change with the new attempt)
 * Outside an LMS, answers are kept in localStorage under "rightway-quiz:v2:<quiz id>",
 * the same record in both languages.
 * Inside an LMS, <html data-rightway-lms> (set by rightway-scorm.js) turns browser
 * storage off: the LMS keeps the answers, and a shared computer must not mix learners.
 *
 * Checks (form.rightway-check) are one unscored question each: same marking and
 * feedback, no storage, no events, so they never reach the LMS or a score.
 *
 * The record of learning (rightway-record.js, window.RightwayRecord) is loaded on demand,
 * not with the page: after a pass (so "Open my record of learning" works at once) or on
 * "Download my answers" (it adds the learner's name and the verification code to the
 * file and names it). This script shows and hides the record button.
 *
 * Tests may set window.rightwayQuizSeedSource, a function returning 32-bit seeds,
 * before this script runs, so that attempts are reproducible.
 */
(function () {
  "use strict";
  // One record per quiz, shared by both languages: question and option ids are the same
  // in each, so a learner who switches language keeps their answers and their attempt.
  var STORAGE_PREFIX = "rightway-quiz:v2:";
  var PER_LANGUAGE_PREFIX = "rightway-quiz:v1:"; // records kept before v2: read, never written
  var ATTEMPT_KEY = "@"; // never a question id: those start with a letter or digit
  var results = {};
  var attempts = {}; // quizId -> {seed, drawn: [question ids]}
  var sourceOrder = []; // [question element, its option elements in source order]

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) { return key in values ? values[key] : match; });
  }
  function strings(form) { return JSON.parse(form.getAttribute("data-strings") || "{}"); }
  function storageKey(form) { return STORAGE_PREFIX + form.dataset.quizId; }
  function perLanguageKey(form) {
    return PER_LANGUAGE_PREFIX + form.dataset.language + ":" + location.pathname + ":" + form.dataset.quizId;
  }
  function lmsSaves() { return document.documentElement.hasAttribute("data-rightway-lms"); }
  function store(form, value) {
    if (lmsSaves()) return;
    try { localStorage.setItem(storageKey(form), JSON.stringify(value)); } catch (e) { /* storage may be off in an LMS frame */ }
  }
  function stored(form) {
    if (lmsSaves()) return null;
    try {
      return JSON.parse(localStorage.getItem(storageKey(form)) || localStorage.getItem(perLanguageKey(form)) || "null");
    } catch (e) { return null; }
  }

  // -- seeds, shuffling and drawing --------------------------------------------------

  function newSeed() {
    if (typeof window.rightwayQuizSeedSource === "function") return window.rightwayQuizSeedSource() >>> 0;
    try {
      var buffer = new Uint32Array(1);
      window.crypto.getRandomValues(buffer);
      return buffer[0];
    } catch (e) {
      return Math.floor(Math.random() * 4294967296) >>> 0;
    }
  }
  // A random id for each marked attempt: answer files from the same attempt are read once.
  function newAttemptId() {
    try { if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID(); } catch (e) { /* needs a secure context */ }
    var bytes = [];
    for (var i = 0; i < 16; i++) bytes.push(newSeed() & 255);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = bytes.map(function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }
  // mulberry32: small, fast and good enough to deal cards; the same seed gives the same deal.
  function generator(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function hash(text) { // FNV-1a: each question gets its own stream from the attempt's seed
    var value = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return value;
  }
  function shuffle(list, random) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = copy[i]; copy[i] = copy[j]; copy[j] = swap;
    }
    return copy;
  }

  // Stratified: one question per objective first, then the rest at random, questions
  // in ``avoid`` (the previous attempt's) last. Returned in bank order.
  function draw(bank, count, seed, avoid) {
    if (!(count > 0) || count >= bank.length) return bank.map(function (item) { return item.id; });
    var random = generator(seed);
    var seen = {};
    (avoid || []).forEach(function (id) { seen[id] = true; });
    var rank = {};
    bank.forEach(function (item) { rank[item.id] = (seen[item.id] ? 1 : 0) + random(); });
    var queue = bank.slice().sort(function (a, b) { return rank[a.id] - rank[b.id]; });
    var objectives = [];
    bank.forEach(function (item) { if (objectives.indexOf(item.objective) === -1) objectives.push(item.objective); });
    var chosen = {};
    var taken = 0;
    shuffle(objectives, random).forEach(function (objective) {
      for (var i = 0; i < queue.length && taken < count; i++) {
        if (queue[i].objective === objective && !chosen[queue[i].id]) { chosen[queue[i].id] = true; taken++; return; }
      }
    });
    queue.forEach(function (item) { if (taken < count && !chosen[item.id]) { chosen[item.id] = true; taken++; } });
    return bank.filter(function (item) { return chosen[item.id]; }).map(function (item) { return item.id; });
  }

  function bankOf(form) {
    return all(form, ".rightway-question").map(function (question) {
      return { id: question.dataset.questionId, objective: question.dataset.objective };
    });
  }
  function drawCount(form) { return Number(form.dataset.draw) || 0; }

  // The token: seed in base 36, then (for a drawn quiz) which bank positions were drawn, as hex.
  function attemptToken(form, attempt) {
    var token = attempt.seed.toString(36);
    var bank = bankOf(form);
    if (drawCount(form) >= bank.length) return token;
    var hex = "";
    for (var i = 0; i < bank.length; i += 4) {
      var nibble = 0;
      for (var bit = 0; bit < 4 && i + bit < bank.length; bit++) {
        if (attempt.drawn.indexOf(bank[i + bit].id) !== -1) nibble |= 1 << bit;
      }
      hex += nibble.toString(16);
    }
    return token + "." + hex.replace(/0+$/, "");
  }
  function parseToken(form, token) {
    var match = /^([0-9a-z]{1,7})(?:\.([0-9a-f]*))?$/.exec(typeof token === "string" ? token : "");
    if (!match) return null;
    var bank = bankOf(form);
    var seed = parseInt(match[1], 36) >>> 0;
    if (match[2] === undefined) {
      return drawCount(form) >= bank.length ? { seed: seed, drawn: bank.map(function (item) { return item.id; }) } : null;
    }
    var drawn = [];
    for (var i = 0; i < match[2].length; i++) {
      var nibble = parseInt(match[2].charAt(i), 16);
      for (var bit = 0; bit < 4; bit++) if (nibble & (1 << bit) && bank[i * 4 + bit]) drawn.push(bank[i * 4 + bit].id);
    }
    return drawn.length === drawCount(form) ? { seed: seed, drawn: drawn } : null;
  }
  function newAttempt(form, previous) {
    var seed = newSeed();
    return { seed: seed, drawn: draw(bankOf(form), drawCount(form), seed, previous ? previous.drawn : []) };
  }

  // Put a question's options (and a matching question's drop-down choices) in this attempt's order.
  function orderOptions(question, seed) {
    var record = sourceOrder.filter(function (entry) { return entry[0] === question; })[0];
    if (!record) {
      record = [question, all(question, ".rightway-option")];
      sourceOrder.push(record);
    }
    var options = record[1];
    if (question.dataset.shuffle !== "false") options = shuffle(options, generator(seed ^ hash(question.dataset.questionId)));
    options.forEach(function (option) { option.parentNode.appendChild(option); });
    var ids = options.map(function (option) { return option.dataset.optionId; });
    all(question, "select").forEach(function (select) {
      var value = select.value;
      ids.forEach(function (id) {
        var choice = all(select, "option").filter(function (o) { return o.value === id; })[0];
        if (choice) select.appendChild(choice);
      });
      select.value = value;
    });
  }

  function askedQuestions(form) {
    return all(form, ".rightway-question").filter(function (question) { return !question.hidden; });
  }

  function applyAttempt(form, attempt) {
    attempts[form.dataset.quizId] = attempt;
    var text = strings(form);
    all(form, ".rightway-question").forEach(function (question) {
      var asked = attempt.drawn.indexOf(question.dataset.questionId) !== -1;
      question.hidden = !asked;
      all(question, "input, select").forEach(function (field) { field.disabled = !asked; });
      if (asked) orderOptions(question, attempt.seed);
    });
    var asked = askedQuestions(form);
    asked.forEach(function (question, index) {
      question.querySelector(".rightway-question-number").textContent =
        format(text.questionNumber, { number: index + 1, total: asked.length });
    });
  }

  // -- responses and marking ---------------------------------------------------------

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
    askedQuestions(form).forEach(function (question) {
      responses[question.dataset.questionId] = questionResponse(question);
    });
    var attempt = attempts[form.dataset.quizId];
    if (attempt) responses[ATTEMPT_KEY] = [attemptToken(form, attempt)];
    return responses;
  }
  function setAnswers(root, responses) {
    all(root, ".rightway-question").forEach(function (question) {
      var response = responses[question.dataset.questionId];
      if (!response || question.hidden) return;
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
  function setResponses(form, responses) {
    var token = responses[ATTEMPT_KEY];
    var attempt = parseToken(form, Array.isArray(token) ? token[0] : token);
    if (attempt) applyAttempt(form, attempt);
    setAnswers(form, responses);
  }

  function chosenOptions(question, response) {
    return question.dataset.type === "matching"
      ? Object.keys(response).map(function (k) { return response[k]; })
      : response;
  }
  function showFeedback(question, response, correct, text) {
    var verdict = question.querySelector(".rightway-verdict");
    verdict.textContent = (correct ? "✓ " : "✗ ") + (correct ? text.correct : text.incorrect);
    question.classList.toggle("rightway-is-correct", correct);
    question.classList.toggle("rightway-is-incorrect", !correct);
    question.querySelector(".rightway-question-result").hidden = false;
    var chosen = chosenOptions(question, response);
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
  // A verdict is about the answer it judged: once the answer changes, it goes.
  function clearQuestionFeedback(question) {
    question.classList.remove("rightway-is-correct", "rightway-is-incorrect");
    question.querySelector(".rightway-question-result").hidden = true;
    all(question, ".rightway-feedback, .rightway-match-verdict").forEach(function (el) { el.hidden = true; });
  }
  function chosenFeedback(question, response) {
    var chosen = chosenOptions(question, response);
    return all(question, ".rightway-feedback").filter(function (feedback) {
      return chosen.indexOf(feedback.dataset.feedbackFor) !== -1;
    }).map(function (feedback) { return feedback.textContent.trim(); });
  }

  // The live region says the score and, for each question not right, the feedback on the
  // learner's choice with a link to the question: screen-reader users hear it all at once.
  function showSummary(form, status, result, text) {
    status.textContent = "";
    var line = document.createElement("p");
    line.textContent = format(text.score, result) + " " + (result.passed ? text.passed : format(text.notPassed, result));
    status.appendChild(line);
    var list = document.createElement("ul");
    askedQuestions(form).forEach(function (question, i) {
      var response = result.responses[i];
      if (response.correct) return;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + question.id;
      link.textContent = question.querySelector(".rightway-question-number").textContent;
      item.appendChild(link);
      var notes = chosenFeedback(question, response.response);
      item.appendChild(document.createTextNode(": " + text.incorrect + ". " + notes.join(" ")));
      list.appendChild(item);
    });
    if (list.children.length) status.appendChild(list);
  }

  function saveState(form, submitted, submittedAt, attemptId) {
    store(form, { version: form.dataset.quizVersion, responses: getResponses(form), submitted: submitted, submittedAt: submittedAt, attemptId: attemptId });
  }

  function markQuiz(form, options) {
    var text = strings(form);
    var questions = askedQuestions(form);
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
    var earlier = options.restoring ? stored(form) : null;
    var result = {
      attemptId: (earlier && earlier.attemptId) || newAttemptId(),
      quizId: form.dataset.quizId,
      quizVersion: form.dataset.quizVersion,
      language: form.dataset.language,
      attempt: attemptToken(form, attempts[form.dataset.quizId]),
      score: score, max: max, percent: percent, passMark: passMark,
      passed: percent >= passMark,
      responses: responses,
      submittedAt: (earlier && earlier.submittedAt) || new Date().toISOString()
    };
    questions.forEach(function (question, i) { showFeedback(question, responses[i].response, responses[i].correct, text); });
    showSummary(form, status, result, text);
    status.classList.toggle("rightway-passed", result.passed);
    form.querySelector('[data-action="retry"]').hidden = false;
    results[result.quizId] = result;
    saveState(form, true, result.submittedAt, result.attemptId);
    if (!options.silent) status.focus();
    showRecordButton(form, result.passed);
    form.dispatchEvent(new CustomEvent("rightway:quiz-result", { bubbles: true, detail: result }));
    return result;
  }

  function answersDocument(form) {
    var state = stored(form) || {};
    var marked = results[form.dataset.quizId];
    var answers = askedQuestions(form).map(function (question) {
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
      submitted_at: (marked && marked.submittedAt) || state.submittedAt || new Date().toISOString(),
      attempt_id: (marked && marked.attemptId) || state.attemptId || newAttemptId(),
      answers: answers
    };
    var asMarked = marked && JSON.stringify(marked.responses.map(function (r) { return r.response; })) ===
      JSON.stringify(askedQuestions(form).map(questionResponse));
    if (asMarked) payload.result = { score: marked.score, max: marked.max, percent: marked.percent, passed: marked.passed };
    return payload;
  }

  // -- the question bank, loaded on the way to the quiz (sphinxext/quiz_bank.py) -------
  var BANK_AHEAD = "0px 0px 200% 0px"; // start loading two screens before the quiz shows
  var bankWaiting = {}; // quizId -> callbacks until its questions are in the page

  function bankHolder(form) { return form.querySelector(".rightway-quiz-bank"); }

  function besideThisScript(fileName) {
    var quizScript = ownScript || document.querySelector('script[src*="rightway-quiz"]');
    return quizScript.src.replace(/rightway-quiz[^/]*$/, fileName);
  }

  function whenReady(form, callback) {
    var holder = bankHolder(form);
    if (!holder) { callback(form); return; }
    var quizId = form.dataset.quizId;
    if (bankWaiting[quizId]) { bankWaiting[quizId].push(callback); return; }
    bankWaiting[quizId] = [callback];
    form.setAttribute("aria-busy", "true");
    var script = document.createElement("script");
    script.src = besideThisScript("rightway-bank-" + quizId + ".js?v=" + holder.dataset.bank);
    script.onerror = function () {
      // Say so where the questions would be; the next call (a scroll, a print) tries again.
      delete bankWaiting[quizId];
      form.removeAttribute("aria-busy");
      script.remove();
      var note = holder.querySelector(".rightway-quiz-bank-error") || document.createElement("p");
      note.className = "rightway-quiz-bank-error";
      note.setAttribute("role", "alert");
      note.textContent = strings(form).bankFailed;
      holder.appendChild(note);
    };
    document.head.appendChild(script);
  }

  function receiveBank(quizId, html) {
    var form = formFor(quizId);
    var holder = form && bankHolder(form);
    if (!holder) return;
    holder.insertAdjacentHTML("beforebegin", html);
    holder.remove();
    form.removeAttribute("aria-busy");
    setup(form);
    var waiting = bankWaiting[quizId] || [];
    delete bankWaiting[quizId];
    waiting.forEach(function (next) { next(form); });
  }

  function loadWhenNear(form) {
    function load() { whenReady(form, function () {}); }
    window.addEventListener("beforeprint", load);
    // Until the questions are here, "Check my answers" must not send the form anywhere,
    // and a button pressed (download my answers, say) does its work once they arrive.
    form.addEventListener("submit", function (event) {
      if (!bankHolder(form)) return;
      event.preventDefault();
      load();
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button[data-action]") : null;
      if (!button || !bankHolder(form)) return;
      whenReady(form, function () { button.click(); });
    });
    if (!("IntersectionObserver" in window)) { load(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      observer.disconnect();
      load();
    }, { rootMargin: BANK_AHEAD });
    observer.observe(form);
  }

  // -- the record of learning, loaded when first needed ------------------------------
  // A plain <script> beside this one: it loads from file:// and inside an LMS package too.
  var RECORD_SCRIPT = "rightway-record.js";
  var ownScript = document.currentScript; // only set while this script first runs
  var recordWaiting = null; // callbacks while the script loads

  function withRecord(callback) {
    if (window.RightwayRecord) { callback(window.RightwayRecord); return; }
    if (recordWaiting) { recordWaiting.push(callback); return; }
    recordWaiting = [callback];
    var script = document.createElement("script");
    script.src = besideThisScript(RECORD_SCRIPT);
    function loaded() {
      // On an error the callbacks get null and the next call tries again.
      var waiting = recordWaiting;
      recordWaiting = null;
      waiting.forEach(function (next) { next(window.RightwayRecord || null); });
    }
    script.onload = loaded;
    script.onerror = loaded;
    document.head.appendChild(script);
  }

  function recordButton(form) { return form.querySelector('[data-action="record"]'); }

  function showRecordButton(form, shown) {
    var button = recordButton(form);
    if (!button) return;
    button.hidden = !shown;
    if (shown) withRecord(function () {}); // ready before the learner asks for it
  }

  function download(form) {
    var payload = answersDocument(form);
    withRecord(function (record) {
      if (!(record && record.download(form, payload))) plainDownload(form, payload);
    });
  }

  function plainDownload(form, payload) {
    var blob = new Blob([JSON.stringify(payload, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = form.dataset.downloadName || "answers-" + form.dataset.quizId + ".json";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  // "Try again": a new attempt (a new draw where the bank allows, a new order); answers
  // that were right stay, the rest are cleared.
  function retry(form) {
    var quizId = form.dataset.quizId;
    var kept = {};
    askedQuestions(form).forEach(function (question) {
      var response = questionResponse(question);
      if (isCorrect(question, response)) kept[question.dataset.questionId] = response;
    });
    all(form, "input").forEach(function (input) { input.checked = false; });
    all(form, "select").forEach(function (select) { select.value = ""; });
    all(form, ".rightway-question").forEach(clearQuestionFeedback);
    applyAttempt(form, newAttempt(form, attempts[quizId]));
    setAnswers(form, kept);
    delete results[quizId];
    saveState(form, false);
    var status = form.querySelector(".rightway-quiz-result");
    status.textContent = "";
    status.classList.remove("rightway-passed");
    form.querySelector('[data-action="retry"]').hidden = true;
    showRecordButton(form, false);
    var first = form.querySelector(".rightway-question:not([hidden]) input:not(:checked), .rightway-question:not([hidden]) select");
    if (first) first.focus();
    form.dispatchEvent(new CustomEvent("rightway:quiz-reset", { bubbles: true, detail: { quizId: quizId } }));
    form.dispatchEvent(new CustomEvent("rightway:quiz-change", { bubbles: true, detail: { quizId: quizId, responses: getResponses(form) } }));
  }

  function hasAnswers(responses) {
    return Object.keys(responses).some(function (key) {
      return key !== ATTEMPT_KEY && Object.keys(responses[key] || {}).length > 0;
    });
  }

  function setup(form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); markQuiz(form, {}); });
    form.addEventListener("change", function (event) {
      var question = event.target.closest ? event.target.closest(".rightway-question") : null;
      if (question) clearQuestionFeedback(question);
      // Changed answers are no longer the ones marked: the record waits for the next check.
      if (!event.target.classList.contains("rightway-learner-name")) showRecordButton(form, false);
      saveState(form, false);
      form.dispatchEvent(new CustomEvent("rightway:quiz-change", { bubbles: true, detail: { quizId: form.dataset.quizId, responses: getResponses(form) } }));
    });
    form.querySelector('[data-action="retry"]').addEventListener("click", function () { retry(form); });
    form.querySelector('[data-action="download"]').addEventListener("click", function () { download(form); });
    var record = recordButton(form);
    if (record) {
      record.addEventListener("click", function () {
        withRecord(function (loaded) { if (loaded) loaded.open(form); });
      });
    }
    var state = stored(form);
    var usable = state && state.version === form.dataset.quizVersion && state.responses;
    var token = usable && state.responses[ATTEMPT_KEY];
    var attempt = usable ? parseToken(form, Array.isArray(token) ? token[0] : token) : null;
    applyAttempt(form, attempt || newAttempt(form, null));
    if (usable) setAnswers(form, state.responses);
    if (usable && state.submitted) {
      markQuiz(form, { force: true, silent: true, restoring: true });
      return;
    }
    saveState(form, false); // so a reload shows this same attempt
    if (usable && hasAnswers(state.responses)) form.querySelector(".rightway-quiz-result").textContent = strings(form).restored;
  }

  // -- checks: one unscored question, marked on the spot -----------------------------

  function setupCheck(form) {
    var question = form.querySelector(".rightway-question");
    var status = form.querySelector(".rightway-check-result");
    var text = strings(form);
    orderOptions(question, newSeed());
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var response = questionResponse(question);
      if (!isAnswered(question, response)) {
        status.textContent = text.chooseFirst;
        return;
      }
      var correct = isCorrect(question, response);
      showFeedback(question, response, correct, text);
      status.textContent = (correct ? "✓ " + text.correct : "✗ " + text.incorrect) + ". " + chosenFeedback(question, response).join(" ");
    });
    form.addEventListener("change", function () {
      clearQuestionFeedback(question);
      status.textContent = "";
    });
  }

  function formFor(quizId) { return document.querySelector('form.rightway-quiz[data-quiz-id="' + quizId + '"]'); }

  function readyFormFor(quizId) {
    var form = formFor(quizId);
    return form && !bankHolder(form) ? form : null;
  }

  window.RightwayQuiz = {
    quizzes: function () {
      return all(document, "form.rightway-quiz").map(function (form) {
        return { id: form.dataset.quizId, version: form.dataset.quizVersion, passMark: Number(form.dataset.passMark), element: form };
      });
    },
    getResponses: function (quizId) { var form = readyFormFor(quizId); return form ? getResponses(form) : null; },
    setResponses: function (quizId, responses, submit) {
      var form = formFor(quizId);
      if (!form) return null;
      if (bankHolder(form)) {
        whenReady(form, function () { window.RightwayQuiz.setResponses(quizId, responses, submit); });
        return null;
      }
      setResponses(form, responses || {});
      saveState(form, !!submit);
      return submit ? markQuiz(form, { force: true, silent: true }) : null;
    },
    result: function (quizId) { return results[quizId] || null; },
    answersDocument: function (quizId) { var form = readyFormFor(quizId); return form ? answersDocument(form) : null; },
    whenReady: function (quizId, callback) { var form = formFor(quizId); if (form) whenReady(form, callback); },
    bank: receiveBank,
    draw: draw
  };

  function init() {
    all(document, "form.rightway-quiz").forEach(function (form) {
      if (bankHolder(form)) loadWhenNear(form);
      else setup(form);
    });
    all(document, "form.rightway-check").forEach(setupCheck);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
