/* The Right Way course: the children's rights self-assessment.
 * Ratings, actions and owners stay in this browser (localStorage), print with
 * the page, and download as one CSV for every principle on the page. */
(function () {
  "use strict";
  var PREFIX = "rightway-self-assessment:v1:";
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function key(form) { return PREFIX + form.dataset.language + ":" + location.pathname + ":" + form.dataset.principle; }
  function read(form) {
    return all(form, ".rightway-statement").map(function (fieldset) {
      var checked = fieldset.querySelector("input[type=radio]:checked");
      var texts = all(fieldset, "input[type=text]");
      return { rating: checked ? checked.value : "", action: texts[0].value, owner: texts[1].value };
    });
  }
  function write(form, rows) {
    all(form, ".rightway-statement").forEach(function (fieldset, i) {
      var row = rows[i] || { rating: "", action: "", owner: "" };
      all(fieldset, "input[type=radio]").forEach(function (r) { r.checked = r.value === row.rating; });
      var texts = all(fieldset, "input[type=text]");
      texts[0].value = row.action || "";
      texts[1].value = row.owner || "";
    });
  }
  function save(form) {
    try { localStorage.setItem(key(form), JSON.stringify(read(form))); } catch (e) { /* storage may be off */ }
  }
  function load(form) {
    try { return JSON.parse(localStorage.getItem(key(form)) || "null"); } catch (e) { return null; }
  }
  function heading(form) {
    var node = form;
    while ((node = node.previousElementSibling || (node.parentElement && node.parentElement.closest("section")))) {
      var h = node.matches && node.matches("h2, h3") ? node : null;
      if (h) return h.textContent.replace(/[#¶]$/, "").trim();
      if (node.tagName === "SECTION") {
        var first = node.querySelector("h2, h3");
        if (first) return first.textContent.replace(/[#¶]$/, "").trim();
      }
    }
    return form.dataset.principle;
  }
  // A spreadsheet must not run a cell as a formula (CSV injection).
  function cell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function csv() {
    var forms = all(document, "form.rightway-self-assessment");
    if (!forms.length) return "";
    var headers = JSON.parse(forms[0].getAttribute("data-csv-headers"));
    var lines = [headers.map(cell).join(",")];
    forms.forEach(function (form) {
      var labels = JSON.parse(form.getAttribute("data-rating-labels"));
      var principle = heading(form);
      var rows = read(form);
      all(form, ".rightway-statement legend").forEach(function (legend, i) {
        var row = rows[i];
        lines.push([principle, legend.textContent.trim(), row.rating ? labels[row.rating] : "", row.action, row.owner].map(cell).join(","));
      });
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  function download() {
    var blob = new Blob([csv()], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    var named = document.querySelector("form.rightway-self-assessment[data-download-name]");
    link.download = named ? named.getAttribute("data-download-name") : "rights-self-assessment.csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }
  // Counts per rating, read out politely after each change (not on every keystroke).
  function summarise(form) {
    var counts = { "not-yet": 0, partly: 0, fully: 0, "": 0 };
    read(form).forEach(function (row) { counts[row.rating] += 1; });
    var text = form.dataset.summary
      .replace("{not_yet}", counts["not-yet"]).replace("{partly}", counts.partly)
      .replace("{fully}", counts.fully).replace("{unrated}", counts[""]);
    var summary = form.querySelector(".rightway-self-assessment-summary");
    if (summary.textContent !== text) summary.textContent = text;
  }
  function setup(form) {
    var rows = load(form);
    if (rows) write(form, rows);
    summarise(form);
    form.addEventListener("input", function () { save(form); });
    form.addEventListener("change", function () { save(form); summarise(form); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.querySelector('[data-action="print"]').addEventListener("click", function () { window.print(); });
    form.querySelector('[data-action="csv"]').addEventListener("click", download);
    form.querySelector('[data-action="clear"]').addEventListener("click", function () {
      write(form, []);
      save(form);
      summarise(form);
      var first = form.querySelector("input");
      if (first) first.focus();
    });
  }
  window.RightwaySelfAssessment = { csv: csv };
  function init() { all(document, "form.rightway-self-assessment").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
