/* The Right Way course: keyboard-operable drawers for the Furo theme.
 * Furo opens its drawers with <label for=checkbox>, which a keyboard cannot
 * reach; the theme renders <button>s instead and this script ties them to the
 * same checkboxes, keeping aria-expanded true to the drawer's state. */
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
  function setup() {
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
