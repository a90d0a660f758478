/* The Right Way course: keyboard-operable drawers for the Furo theme.
 * Furo opens its drawers with <label for=checkbox>, which a keyboard cannot
 * reach; the theme renders <button>s instead and this script ties them to the
 * same checkboxes, keeping aria-expanded true to the drawer's state.
 * A table wider than the screen scrolls sideways in Furo's wrapper; the wrapper
 * then becomes a named, focusable region so keyboard users can scroll it too
 * (WCAG 2.1.1). It stops being a tab stop when the table fits again; code
 * blocks and notebook outputs too. While the phone menu is open, Tab stays inside it (Escape closes it).
 * The section being read has one definition here (window.RightwayPlace, also the
 * SCORM bookmark's): the language links carry it (or the search query) to the other
 * language, and a page opened at a section lands and stays there.
 * The journey (data from #rightway-journey, see rightway_quiz/sphinxext/journey.py):
 * a passed quiz marks its module done (menu ticks, the module header, the welcome
 * page's progress and outline) and names the next module; the welcome page offers
 * "Continue where you left off". Outside an LMS this lives in localStorage under
 * "rightway-journey:v1", shared by both languages. Inside an LMS (<html
 * data-rightway-lms>, set by rightway-scorm.js) nothing is stored in the browser:
 * the SCO restores its quiz, whose replayed result marks the module done.
 * Printing: a closed <details> prints closed and a <select> prints only its
 * chosen option, so before printing every model answer is opened and each
 * matching question gets a printed list of its options; both are undone after. */
(function () {
  "use strict";
  function buttonsFor(id) {
    return document.querySelectorAll('[data-rightway-toggle="' + id + '"]');
  }
  function sync(checkbox) {
    buttonsFor(checkbox.id).forEach(function (button) {
      button.setAttribute("aria-expanded", checkbox.checked ? "true" : "false");
    });
  }
  var generatedIdCount = 0;
  function sectionHeadingId(element) {
    var section = element.closest("section");
    var heading = section && section.querySelector("h1, h2, h3, h4");
    if (!heading) return null;
    if (!heading.id) heading.id = "rightway-heading-" + (++generatedIdCount);
    return heading.id;
  }
  function markScrollableTables() {
    document.querySelectorAll(".table-wrapper, .highlight pre, .rendered_html").forEach(function (wrapper) {
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        var caption = wrapper.querySelector("caption");
        var labelId = caption ? (caption.id || (caption.id = "rightway-caption-" + (++generatedIdCount)))
          : sectionHeadingId(wrapper);
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        if (labelId) wrapper.setAttribute("aria-labelledby", labelId);
      } else if (wrapper.getAttribute("role") === "region") {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-labelledby");
      }
    });
  }

  // -- the phone menu keeps focus while it is open (WCAG 2.4.3) -----------------------
  function keepFocusInOpenMenu() {
    var checkbox = document.getElementById("__navigation");
    var drawer = document.getElementById("rightway-sidebar");
    if (!checkbox || !drawer) return;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Tab" || !checkbox.checked) return;
      var button = document.querySelector('.mobile-header [data-rightway-toggle="__navigation"]');
      if (!button || button.offsetParent === null) return; // the wide layout has no drawer to trap in
      var stops = Array.prototype.filter.call(
        drawer.querySelectorAll("a[href], input:not([type=hidden]):not([tabindex='-1']), button, [tabindex='0']"),
        function (el) { return el.offsetParent !== null; });
      stops.unshift(button); // the button that closes the menu stays in the loop
      // The button sits outside the drawer in the page's order, so step through the loop here.
      var at = stops.indexOf(document.activeElement);
      var next = at === -1 ? 0 : (at + (event.shiftKey ? stops.length - 1 : 1)) % stops.length;
      event.preventDefault();
      stops[next].focus();
    });
  }

  // -- the section being read: one definition for the journey, the language switch
  // and the SCORM bookmark (rightway-scorm.js reads it through window.RightwayPlace) --
  // Furo parks a linked heading 2.5rem (plus the phone header) below the top, so the
  // reading line is never above that: a section opened from a link is the one being read.
  var LINKED_HEADING_ROOM = 120;
  var SECTIONS = "article section[id], [role=main] section[id]";
  function sectionOf(element) {
    var section = element && element.closest ? element.closest("section[id]") : null;
    var first = document.querySelector(SECTIONS);
    return section && section !== first ? section.id : ""; // the top of the page needs no anchor
  }
  var landing = null; // the element a page was opened at (#id), held in view until the learner moves
  // The section whose heading was last scrolled past the reading line; section ids match across languages.
  function currentSection() {
    if (landing) return sectionOf(landing);
    var line = Math.max(window.innerHeight / 4, LINKED_HEADING_ROOM);
    var found = null;
    document.querySelectorAll(SECTIONS).forEach(function (section) {
      if (section.getClientRects().length && section.getBoundingClientRect().top <= line) found = section;
    });
    return sectionOf(found);
  }
  window.RightwayPlace = { currentSection: currentSection };

  // A page opened at a section (a bookmark, "Continue where you left off", the language
  // switch) lands there at once, not through Furo's smooth scroll from the top (whose
  // passing sections would each be reported as the place), and stays there while late
  // layout (fonts, diagrams, a restored quiz) moves things, until the learner moves
  // (a wheel, a touch, a key, a click, or a scroll by other means).
  function landAtTheLinkedSection() {
    var id = location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
    landing = id ? document.getElementById(id) : null;
    if (!landing) return;
    var root = document.documentElement;
    var smooth = root.style.scrollBehavior;
    root.style.scrollBehavior = "auto";
    var heldAt = 0; // the page's scroll position the last time the section was in its place
    // Its place: where the browser puts a linked heading (Furo's scroll-margin-top), or
    // as near as the page's end allows.
    function inPlace() {
      var top = landing.getBoundingClientRect().top;
      var margin = parseFloat(getComputedStyle(landing).scrollMarginTop) || 0;
      var atEnd = window.scrollY >= document.documentElement.scrollHeight - window.innerHeight - 1;
      return Math.abs(top - margin) <= 1 || (atEnd && top > margin);
    }
    function land() {
      if (!landing) return;
      landing.scrollIntoView(true); // to the top, at once (the style above says so)
      heldAt = window.scrollY;
    }
    // The learner moved (a scrollbar, a screen reader's cursor) when the page scrolled
    // and took the section out of its place. The browser's own moves do one or the other:
    // scroll anchoring and the browser landing again scroll the page but keep the section
    // in place; late layout moves the section but not the page (and its scroll event can
    // come before the resize that lands it again).
    function scrolled() {
      if (!landing) return;
      if (inPlace()) heldAt = window.scrollY;
      else if (Math.abs(window.scrollY - heldAt) > 1) release();
    }
    var moves = ["wheel", "touchstart", "keydown", "mousedown"];
    var watcher = window.ResizeObserver ? new ResizeObserver(land) : null;
    function release() {
      landing = null;
      root.style.scrollBehavior = smooth;
      if (watcher) watcher.disconnect();
      window.removeEventListener("scroll", scrolled);
      window.removeEventListener("load", land);
      moves.forEach(function (name) { window.removeEventListener(name, release, true); });
    }
    land();
    // The article, not the body: Furo gives the body the window's height.
    if (watcher) watcher.observe(landing.closest("article") || document.body);
    window.addEventListener("load", land);
    window.addEventListener("scroll", scrolled, { passive: true });
    moves.forEach(function (name) { window.addEventListener(name, release, { capture: true, passive: true }); });
  }

  function keepPlaceAcrossLanguages() {
    document.querySelectorAll("a[data-rightway-language]").forEach(function (link) {
      var base = link.getAttribute("href").split("#")[0].split("?")[0];
      function update() {
        var id = currentSection();
        link.setAttribute("href", base + (location.search || "") + (id ? "#" + encodeURIComponent(id) : ""));
      }
      link.addEventListener("click", update);
      link.addEventListener("focus", update);
      link.addEventListener("mouseenter", update);
    });
  }

  // -- the journey: modules done, the last page visited ------------------------------------
  var JOURNEY_KEY = "rightway-journey:v1";
  function inLms() { return document.documentElement.hasAttribute("data-rightway-lms"); }
  var journeyInMemory = { done: {}, last: null };
  function readJourney() {
    if (inLms()) return journeyInMemory;
    try {
      var saved = JSON.parse(localStorage.getItem(JOURNEY_KEY) || "null");
      if (saved && typeof saved === "object") return { done: saved.done || {}, last: saved.last || null };
    } catch (e) { /* storage off: progress lasts as long as the page */ }
    return journeyInMemory;
  }
  function writeJourney(journey) {
    journeyInMemory = journey;
    if (inLms()) return;
    try { localStorage.setItem(JOURNEY_KEY, JSON.stringify(journey)); } catch (e) { /* storage off */ }
  }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) { return key in values ? values[key] : match; });
  }

  function followJourney() {
    var data = document.getElementById("rightway-journey");
    if (!data) return;
    var modules = JSON.parse(data.getAttribute("data-modules") || "[]");
    var text = JSON.parse(data.getAttribute("data-strings") || "{}");
    var root = new URL(document.documentElement.getAttribute("data-content_root") || "./", location.href);
    function urlOf(page) { return new URL(page, root); }
    var here = location.pathname.indexOf(root.pathname) === 0 ? location.pathname.slice(root.pathname.length) : null;
    var home = data.getAttribute("data-home");

    function show() {
      var journey = readJourney();
      var done = modules.filter(function (module) { return journey.done[module.id]; });
      document.querySelectorAll(".sidebar-tree a.reference").forEach(function (link) {
        var module = modules.filter(function (m) { return urlOf(m.page).pathname === new URL(link.href).pathname; })[0];
        if (!module || !journey.done[module.id] || link.querySelector(".rightway-done-mark")) return;
        var mark = document.createElement("span");
        mark.className = "rightway-done-mark";
        mark.innerHTML = '<span aria-hidden="true"> ✓</span><span class="visually-hidden"></span>';
        mark.lastChild.textContent = " (" + text.completed + ")";
        link.appendChild(mark);
      });
      document.querySelectorAll("[data-rightway-module]").forEach(function (header) {
        var note = header.querySelector("[data-rightway-module-done]");
        if (note) note.hidden = !journey.done[header.getAttribute("data-rightway-module")];
      });
      document.querySelectorAll("[data-rightway-module-status]").forEach(function (cell) {
        cell.textContent = journey.done[cell.getAttribute("data-rightway-module-status")] ? "✓ " + text.done : text.notYet;
      });
      document.querySelectorAll("[data-rightway-progress]").forEach(function (line) {
        line.textContent = format(text.progress, { done: done.length, total: modules.length });
        line.hidden = done.length === 0; // a new learner needs the start button, not a zero
      });
      var last = journey.last;
      document.querySelectorAll("[data-rightway-continue]").forEach(function (link) {
        if (!last || !last.page) return;
        link.href = urlOf(last.page).href + (last.section ? "#" + encodeURIComponent(last.section) : "");
        var title = link.querySelector("[data-rightway-continue-title]");
        var inMenu = Array.prototype.filter.call(document.querySelectorAll(".sidebar-tree a.reference"), function (a) {
          return new URL(a.href).pathname === urlOf(last.page).pathname;
        })[0];
        if (title) title.textContent = inMenu ? ": " + inMenu.firstChild.textContent.trim() : "";
        link.hidden = false;
      });
    }

    // Where the learner is, kept for "Continue where you left off" (not the welcome or search page).
    function rememberPlace() {
      if (!here || here === home || /(^|\/)(search|genindex)\.html$/.test(here)) return;
      var journey = readJourney();
      journey.last = { page: here, section: currentSection() };
      writeJourney(journey);
    }
    rememberPlace();
    var scheduled = false;
    window.addEventListener("scroll", function () {
      if (scheduled) return;
      scheduled = true;
      window.setTimeout(function () { scheduled = false; rememberPlace(); }, 300);
    }, { passive: true });
    window.addEventListener("pagehide", rememberPlace);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") rememberPlace(); });

    document.addEventListener("rightway:quiz-result", function (event) {
      var result = event.detail || {};
      if (!result.passed) return;
      var index = -1;
      modules.forEach(function (module, i) { if (module.id === result.quizId) index = i; });
      if (index === -1) return;
      var journey = readJourney();
      journey.done[result.quizId] = true;
      writeJourney(journey);
      show();
      var status = event.target.querySelector(".rightway-quiz-result");
      if (!status || status.querySelector(".rightway-achievement")) return;
      var note = document.createElement("p");
      note.className = "rightway-achievement";
      var strong = document.createElement("strong");
      strong.textContent = format(text.passedModule, { number: index + 1, total: modules.length, title: modules[index].title });
      note.appendChild(strong);
      var next = modules[index + 1];
      var link = document.createElement("a");
      link.className = "rightway-button rightway-primary";
      link.href = urlOf(next ? next.page : home).href;
      link.textContent = next ? format(text.nextModule, { title: next.title }) : text.welcome;
      if (!next) note.appendChild(document.createTextNode(" " + text.courseDone));
      note.appendChild(document.createTextNode(" "));
      note.appendChild(link);
      status.appendChild(note);
    });
    show();
  }

  var openedForPrint = [];
  function prepareForPrint() {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
    document.querySelectorAll('.rightway-question[data-type="matching"]').forEach(function (question) {
      var select = question.querySelector("select");
      if (!select || question.querySelector(".rightway-print-options")) return;
      var list = document.createElement("ul");
      list.className = "rightway-print-options";
      list.hidden = true;
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var item = document.createElement("li");
        item.textContent = option.textContent;
        list.appendChild(item);
      });
      var choices = question.querySelector(".rightway-choices") || select.parentNode;
      choices.parentNode.insertBefore(list, choices);
    });
  }
  function restoreAfterPrint() {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
    document.querySelectorAll(".rightway-print-options").forEach(function (list) { list.remove(); });
  }
  function setup() {
    landAtTheLinkedSection();
    window.addEventListener("beforeprint", prepareForPrint);
    window.addEventListener("afterprint", restoreAfterPrint);
    markScrollableTables();
    keepFocusInOpenMenu();
    keepPlaceAcrossLanguages();
    followJourney();
    window.addEventListener("resize", markScrollableTables);
    document.querySelectorAll("[data-rightway-toggle]").forEach(function (button) {
      var checkbox = document.getElementById(button.getAttribute("data-rightway-toggle"));
      if (!checkbox) return;
      button.addEventListener("click", function () {
        checkbox.checked = !checkbox.checked;
        sync(checkbox);
        if (checkbox.checked) {
          var drawer = document.getElementById(button.getAttribute("aria-controls"));
          var first = drawer && drawer.querySelector("a, input, button");
          if (first) first.focus();
        }
      });
      checkbox.addEventListener("change", function () { sync(checkbox); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      document.querySelectorAll("input.sidebar-toggle:checked").forEach(function (checkbox) {
        checkbox.checked = false;
        sync(checkbox);
        var button = buttonsFor(checkbox.id)[0];
        if (button && button.offsetParent !== null) button.focus();
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
