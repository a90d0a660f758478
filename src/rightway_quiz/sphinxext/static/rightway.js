/* The Right Way course: keyboard-operable drawers for the Furo theme.
 * Furo opens its drawers with <label for=checkbox>, which a keyboard cannot
 * reach; the theme renders <button>s instead and this script ties them to the
 * same checkboxes, keeping aria-expanded true to the drawer's state.
 * A table wider than the screen scrolls sideways in Furo's wrapper; the wrapper
 * then becomes a named, focusable region so keyboard users can scroll it too
 * (WCAG 2.1.1). It stops being a tab stop when the table fits again.
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
    document.querySelectorAll(".table-wrapper").forEach(function (wrapper) {
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
    window.addEventListener("beforeprint", prepareForPrint);
    window.addEventListener("afterprint", restoreAfterPrint);
    markScrollableTables();
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
