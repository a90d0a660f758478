# The Right Way course.
#   make        set up .venv, compile the Welsh catalogs, build both languages (HTML, SCORM, PDF pack)
#   make test   run every test
#   make wheel  the installable rightway-quiz (wheel and sdist, course inside) in _build/dist/
# Other targets: html, scorm, pdf, gettext, update-po, serve, bench, lint, clean.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BUILD := _build
LANGUAGES := cy en
SPHINXOPTS ?= -n -W --keep-going -q -j auto
INSTALLED := $(VENV)/.installed-stamp
TEST_INSTALLED := $(VENV)/.test-installed-stamp
PO_FILES := $(shell find locale src/rightway_quiz/locale -name '*.po' 2>/dev/null)
SOURCES := conf.py $(shell find course quizzes scenarios src/rightway_quiz -type f \
	! -name '*.mo' ! -name '*.pyc' ! -path '*/.ipynb_checkpoints/*' 2>/dev/null) $(PO_FILES)
PORT ?= 8000

# Build the two languages at once unless told otherwise (make -j1): on 2 cores this
# hides Sphinx's serial stretches (measured: clean build 9.2 s -> 7.1 s). Not with
# `make clean ...`, which must finish before anything is built again.
ifeq ($(filter -j% --jobs%,$(MAKEFLAGS))$(filter clean,$(MAKECMDGOALS)),)
MAKEFLAGS += -j2
endif

.PHONY: all html scorm pdf wheel gettext update-po serve test test-fast lint bench clean

all: html scorm pdf

# -- set-up --------------------------------------------------------------------
# The grader alone needs the package's base dependencies; the course build needs the
# [course] extra (Sphinx and friends); test and lint tools are extras too.
$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[course,pdf]'
	@touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[course,pdf,test,lint]'
	@touch $@

# Theme and extension catalogs load before Sphinx compiles .po files itself,
# so they are compiled here first (otherwise a clean build shows them in English).
# One process compiles every .po newer than its .mo: one per file cost ~0.5 s each.
CATALOGS := $(BUILD)/.catalogs

$(CATALOGS): $(INSTALLED) $(PO_FILES)
	$(BIN)/python -m tools.catalogs compile locale src/rightway_quiz/locale
	@mkdir -p $(BUILD) && touch $@

# -- notebooks -----------------------------------------------------------------
# Each language's copy of every notebook, outputs made by running it in that language.
NOTEBOOKS := $(BUILD)/.notebooks
NOTEBOOK_SOURCES := $(shell find course -name '*.ipynb' ! -path '*/.ipynb_checkpoints/*' 2>/dev/null)

# The notebook runs the grader on the course's quizzes: a page edit does not change it.
$(NOTEBOOKS): $(INSTALLED) $(CATALOGS) tools/notebooks.py $(filter-out course/%.md,$(SOURCES))
	$(BIN)/python -m tools.notebooks course $(BUILD)/notebooks $(LANGUAGES)
	@touch $@

# -- HTML ----------------------------------------------------------------------
html: $(BUILD)/html/index.html $(LANGUAGES:%=$(BUILD)/.html-%)

$(BUILD)/.html-%: $(INSTALLED) $(CATALOGS) $(NOTEBOOKS) $(SOURCES)
	$(BIN)/sphinx-build -b html -c . -D language=$* -d $(BUILD)/doctrees/$* $(SPHINXOPTS) course $(BUILD)/html/$*
	@touch $@

$(BUILD)/html/index.html: $(INSTALLED) conf.py tools/landing.py $(CATALOGS)
	$(BIN)/python -m tools.landing $(BUILD)/html

# -- SCORM ---------------------------------------------------------------------
# Rebuilt only when a language's HTML or the packager changed.
scorm: $(BUILD)/.scorm

$(BUILD)/.scorm: $(LANGUAGES:%=$(BUILD)/.html-%) $(wildcard src/rightway_quiz/scorm/*.py src/rightway_quiz/scorm/*.js src/rightway_quiz/scorm/templates/* tools/*.py)
	$(BIN)/python -m rightway_quiz.scorm $(BUILD)/html $(BUILD)/scorm
	@touch $@

# -- the trainers' install ---------------------------------------------------------
# sdist and wheel of rightway-quiz; setup.py packs the course's quizzes, scenarios and
# Welsh into the wheel from these sources. Built with the venv's setuptools (offline).
wheel: $(TEST_INSTALLED)
	rm -rf $(BUILD)/dist
	$(BIN)/python -m build --no-isolation --outdir $(BUILD)/dist .

# -- PDF pack ------------------------------------------------------------------
# Scenario cards, handouts, pocket guide, workshop packs and the self-assessment
# form for each language (tools/pdf, README "Printable pack"). Each language follows
# its own HTML (which depends on every source and catalog), so with -j2 the first
# language's PDFs are made while the other is still building.
PDF_TOOL := $(wildcard tools/pdf/*.py tools/pdf/templates/*.typ) course.yaml
pdf: $(LANGUAGES:%=$(BUILD)/.pdf-%)

$(BUILD)/.pdf-%: $(BUILD)/.html-% $(PDF_TOOL)
	$(BIN)/python -m tools.pdf $(BUILD)/html $(BUILD)/pdf --language $*
	@touch $@

# -- npm: test-only tools (package.json says which and why); never shipped ------
NODE_STAMP := node_modules/.installed-stamp

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# -- translation ---------------------------------------------------------------
gettext: $(INSTALLED)
	$(BIN)/sphinx-build -b gettext -c . -d $(BUILD)/doctrees/gettext $(SPHINXOPTS) course $(BUILD)/gettext
	$(BIN)/python -m tools.catalogs extract src/rightway_quiz tools/landing.py tools/pdf $(NOTEBOOK_SOURCES) $(BUILD)/gettext-package/rightway.pot

update-po: gettext
	$(BIN)/sphinx-intl update -p $(BUILD)/gettext -l cy -d locale
	$(BIN)/python -m tools.catalogs update $(BUILD)/gettext-package/rightway.pot src/rightway_quiz/locale/cy/LC_MESSAGES/rightway.po
	$(BIN)/python -m tools.catalogs fill locale/cy/LC_MESSAGES

# -- use -----------------------------------------------------------------------
serve: html
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(BUILD)/html $(PORT)

# Two workers (pytest-xdist), one per core: the browser tests spend much of their time
# waiting on Chromium, so the suite finishes in about two thirds of the time.
test: all $(NODE_STAMP) $(TEST_INSTALLED)
	$(BIN)/python -m pytest -n 2

# The fast tier: every test that needs no browser (about a minute).
test-fast: all $(NODE_STAMP) $(TEST_INSTALLED)
	$(BIN)/python -m pytest -n 2 -m "not browser"

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: all $(TEST_INSTALLED)
	$(BIN)/python -m tools.bench

clean:
	rm -rf $(BUILD)
	find locale src/rightway_quiz/locale -name '*.mo' -delete
