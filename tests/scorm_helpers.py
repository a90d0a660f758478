"""Shared by the SCORM tests: a small course built into packages, the XSDs, and an LMS host page.

The LMS side is npm's scorm-again (``make test`` installs it into node_modules/):
its ``Scorm12API``/``Scorm2004API`` sit in a host page that frames a SCO, as
Moodle's player does, and every call the SCO makes is recorded.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT
from lxml import etree
from scorm_moodle import MOODLE_CHECKS

ROOTS = Path(__file__).parent / "roots"
TEST_ROOT = ROOTS / "test-course"
LANGUAGES = ("cy", "en")
#: The test course's SCOs: its quiz module, a page without a quiz, and a module whose
#: quiz draws 4 of 10 questions from a bank.
TEST_MODULES = ["sub/module", "sub/bank", "reference"]
NODE_MODULES = PROJECT_ROOT / "node_modules"
SCORM_AGAIN = NODE_MODULES / "scorm-again" / "dist" / "scorm-again.js"
#: The official SCORM schemas, kept in the repository (see tests/xsd/README.md).
XSD_DIR = Path(__file__).parent / "xsd"
SCHEMA_IMPORTS = {
    "12": {
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    },
    "2004": {
        "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
        "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
        "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
    },
}


def require_node_modules() -> None:
    """Fail with the fix when the npm test tools are missing."""
    if not SCORM_AGAIN.exists() or not XSD_DIR.exists():
        pytest.fail("npm test tools are missing: run `make test` (it runs `npm ci`) first")


def _scratch_dir(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@functools.cache
def built_test_course() -> tuple[Path, Path]:
    """The test course built in both languages and packaged: (html dir, package dir).

    Built once per test run, as ``make`` does: ``sphinx-build -W`` per language (in a
    process of its own, like the Makefile's), then the packager's ``main``.
    """
    from rightway_quiz.scorm.__main__ import main

    scratch = _scratch_dir("rightway-scorm-")
    source = scratch / "source"
    shutil.copytree(TEST_ROOT, source)
    html = scratch / "html"
    for language in LANGUAGES:
        command = [
            sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q",
            "-D", f"language={language}",
            "-D", f"rightway_scorm_modules={','.join(TEST_MODULES)}",
            "-d", str(scratch / "doctrees" / language),
            str(source), str(html / language),
        ]  # fmt: skip
        built = subprocess.run(command, capture_output=True, text=True, check=False)
        assert built.returncode == 0, built.stderr
    packages = scratch / "scorm"
    assert main([str(html), str(packages)]) == 0
    return html, packages


@functools.cache
def manifest_schema(version: str) -> etree.XMLSchema:
    """The official XSDs for a SCORM version, ready for lxml.

    1.2's ``ims_xml.xsd`` is replaced by W3C's ``xml.xsd`` (libxml2 rejects ADL's
    copy); manifests carry no inline LOM, so the non-deterministic ``imsmd`` schema is
    never needed. A driver schema imports every namespace a manifest uses.
    """
    require_node_modules()
    folder = _scratch_dir(f"rightway-xsd{version}-")
    w3c = XSD_DIR / "scorm20044thedition"
    if version == "12":
        shutil.copytree(XSD_DIR / "scorm12edition", folder, dirs_exist_ok=True)
        for name in ("XMLSchema.dtd", "datatypes.dtd"):
            shutil.copy(w3c / name, folder / name)
        shutil.copy(w3c / "xml.xsd", folder / "ims_xml.xsd")
    else:
        shutil.copytree(w3c, folder, dirs_exist_ok=True)
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{location}"/>'
        for namespace, location in SCHEMA_IMPORTS[version].items()
    )
    driver = folder / "driver.xsd"
    driver.write_text(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    )
    parser = etree.XMLParser(no_network=True, load_dtd=True)
    return etree.XMLSchema(etree.parse(str(driver), parser))


def package_version(zip_path: Path) -> str:
    """``12`` or ``2004``, from the package's name."""
    return "12" if zip_path.stem.endswith("scorm12") else "2004"


# -- the LMS host --------------------------------------------------------------------

HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm-again.js"></script><script src="/moodle-checks.js"></script></head>
<body><div id="player"></div>
<script>
// A minimal LMS player: scorm-again's API in this window, the SCO in a frame (or a popup),
// every call the SCO makes recorded with its result and error code. Options:
//   moodle        refuse values Moodle's player refuses (scorm_moodle.MOODLE_CHECKS), and
//                 keep a 2004 API terminated across swap(), as Moodle's contents list does
//   hostLang      this page's <html lang> ("" removes it), which a SCO may read
//   noBeacon      while the frame is being removed, Commit and finish fail (a player whose
//                 synchronous requests the browser blocks, with no sendBeacon fallback)
//   refuseCommits every Commit fails
// persisted holds the values as of the last successful Commit or finish: what the LMS saved.
var METHODS = {
  "1.2": ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
          "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
  "2004": ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
           "GetLastError", "GetErrorString", "GetDiagnostic"]
};
var SAVES = /^(LMSCommit|Commit|LMSFinish|Terminate)$/;
window.lms = {
  calls: [], api: null, popup: null, options: {}, dismissing: false, persisted: {},
  launch: function (options) {
    var version = options.version;
    var settings = { logLevel: 5, autocommit: false, lmsCommitUrl: false };
    var api = version === "1.2" ? new Scorm12API(settings) : new Scorm2004API(settings);
    if (options.cmi) api.loadFromJSON(options.cmi);
    if ("hostLang" in options) {
      if (options.hostLang) document.documentElement.lang = options.hostLang;
      else document.documentElement.removeAttribute("lang");
    }
    var lastError = api[version === "1.2" ? "LMSGetLastError" : "GetLastError"].bind(api);
    var types = {};
    var terminated = false;
    var shimError = null;
    function log(name, args, result, error) {
      window.lms.calls.push({ fn: name, args: args, result: String(result), error: String(error) });
    }
    METHODS[version].forEach(function (name) {
      var original = api[name].bind(api);
      if (/GetLastError/.test(name)) {
        api[name] = function () { return shimError !== null ? shimError : original(); };
        return;
      }
      if (/GetErrorString|GetDiagnostic/.test(name)) return;
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var o = window.lms.options;
        shimError = null;
        if (o.moodle && name === "Initialize" && terminated) shimError = "104";
        if (o.moodle && /SetValue/.test(name)) {
          var code = moodleCheck(version, args[0], args[1], types);
          if (code !== "0") shimError = code;
        }
        if (SAVES.test(name) && ((o.noBeacon && window.lms.dismissing) || (o.refuseCommits && /Commit/.test(name)))) shimError = "101";
        if (shimError !== null) { log(name, args, "false", shimError); return "false"; }
        var result = original.apply(null, args);
        if (name === "Terminate" && String(result) === "true") terminated = true;
        if (SAVES.test(name) && String(result) === "true") window.lms.persisted = window.lms.values();
        log(name, args, result, lastError());
        return result;
      };
    });
    window.lms.calls = [];
    window.lms.dismissing = false;
    window.lms.persisted = {};
    window.lms.options = options;
    window.lms.api = api;
    window.API = version === "1.2" ? api : undefined;
    window.API_1484_11 = version === "2004" ? api : undefined;
    if (options.popup) { window.lms.popup = window.open(options.url, "sco"); return; }
    window.lms.frame(options.nest ? "/middle.html#" + encodeURIComponent(options.url) : options.url);
  },
  frame: function (url) {
    var frame = document.createElement("iframe");
    frame.id = "sco";
    frame.style.width = "1000px";
    frame.style.height = "700px";
    frame.src = url;
    document.getElementById("player").appendChild(frame);
  },
  swap: function (url) {
    // Moodle's contents list: another SCO in the frame, the same API object. Its 1.2 API
    // resets on LMSFinish (a fresh scorm-again API here); its 2004 API stays terminated.
    var options = window.lms.options;
    window.lms.close();
    if (options.version === "1.2") {
      var calls = window.lms.calls;
      window.lms.launch(Object.assign({}, options, { url: url, cmi: null }));
      window.lms.calls = calls.concat(window.lms.calls);
      return;
    }
    window.lms.dismissing = false;
    window.lms.frame(url);
  },
  close: function () {
    if (window.lms.popup) { window.lms.popup.close(); return; }
    var frame = document.getElementById("sco");
    window.lms.dismissing = true; // until the next launch or swap
    if (frame) frame.remove();
  },
  values: function () {
    // The last value the SCO set for each element, as the LMS stored it.
    var values = {};
    window.lms.calls.forEach(function (c) {
      if ((c.fn === "LMSSetValue" || c.fn === "SetValue") && c.result === "true") values[c.args[0]] = c.args[1];
    });
    return values;
  }
};
</script></body></html>
"""

# A frame between the LMS and the SCO, as in LMS players that wrap content in their own frame.
MIDDLE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Player frame</title></head>
<body><iframe id="inner" style="width:990px;height:690px" title="SCO"></iframe>
<script>document.getElementById("inner").src = decodeURIComponent(location.hash.slice(1));</script>
</body></html>
"""


def lms_site(packages: Path) -> Path:
    """A folder with the host pages, scorm-again and every package unzipped under ``pkg/<name>/``."""
    require_node_modules()
    site = _scratch_dir("rightway-lms-")
    (site / "host.html").write_text(HOST_PAGE, encoding="utf-8")
    (site / "middle.html").write_text(MIDDLE_PAGE, encoding="utf-8")
    (site / "moodle-checks.js").write_text(MOODLE_CHECKS, encoding="utf-8")
    shutil.copy(SCORM_AGAIN, site / "scorm-again.js")
    for zip_path in sorted(packages.glob("*.zip")):
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(site / "pkg" / zip_path.stem)
    return site
