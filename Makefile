# The compendium as a DAG: raw data + codebook -> notebooks -> tables, figures, report.
# `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
ENV_STAMP := $(VENV)/.installed

# The study's own inputs.  Override all of DATA, CODEBOOK and OUT to run the
# analysis on another questionnaire (see README, "Run it on your own data").
STUDY_DATA     := data/raw/responses.csv
STUDY_CODEBOOK := data/codebook.yml
STUDY_REPORTED := data/paper/reported.yml
DATA     ?= $(STUDY_DATA)
CODEBOOK ?= $(STUDY_CODEBOOK)
OUT      ?= results
ifeq ($(DATA)$(CODEBOOK),$(STUDY_DATA)$(STUDY_CODEBOOK))
  REPORTED ?= $(STUDY_REPORTED)
else
  REPORTED ?=
endif

# The language of the notebooks, report and thesis tables: en or id.  Empty: the codebook's
# `study: language:`, else English.  The study's own `make all` builds both editions: English in
# results/, Indonesian in results/id/ (a run of its own, below), each report linking the other.
LANGUAGE ?=
ifneq ($(filter-out en id,$(LANGUAGE)),)
  $(error LANGUAGE=$(LANGUAGE): the compendium speaks en (English) and id (Bahasa Indonesia))
endif
ID_EDITION := results/id
# The study's editions `make all` builds.  The Indonesian one joins when every catalogue of
# lib/surveykit/locale/id is complete (tests/test_i18n.py says what is missing).
STUDY_EDITIONS := en id

ifeq ($(OUT),results)
  ifneq ($(LANGUAGE),)
    $(error the study's results/ is the English edition and results/id/ the Indonesian one, both built by `make all`; give LANGUAGE= only with DATA=, CODEBOOK= and OUT=)
  endif
  # `make check` writes nothing, so it needs no OUT.
  ifneq ($(DATA)$(CODEBOOK),$(STUDY_DATA)$(STUDY_CODEBOOK))
    ifneq ($(filter-out check help,$(MAKECMDGOALS)),)
      $(error DATA/CODEBOOK point at other data: give OUT=<folder> too, so the study's own results stay untouched)
    endif
  endif
  # The study's own run executes the committed notebooks in place, with their defaults,
  # then builds the study's other editions.
  NB_OUT := notebooks
  PARAMS :=
  EDITION_TARGETS := $(if $(filter id,$(STUDY_EDITIONS)),edition-id)
  OTHER_EDITION ?= $(if $(filter id,$(STUDY_EDITIONS)),../id/report/index.html)
else
  NB_OUT := $(OUT)/notebooks
  # Paths as given; the driver resolves them, and writes them into the outputs only
  # relative to OUT or as bare file names.
  PARAMS := -p data_path "$(DATA)" -p codebook_path "$(CODEBOOK)" -p out_dir "$(OUT)" -p reported_path "$(REPORTED)" \
    $(if $(LANGUAGE),-p language $(LANGUAGE))
endif

# Paths may contain spaces: in targets and prerequisites a space is escaped ($(call esc,...)),
# in recipes every path is quoted.
space := $(subst ,, )
esc = $(subst $(space),\$(space),$(1))
STAMPS_DIR := $(OUT)/.stamps
STAMPS := $(call esc,$(STAMPS_DIR))
INPUTS := $(STAMPS)/inputs.json
LIB    := lib/pyproject.toml $(wildcard lib/surveykit/*.py lib/surveykit/*/*.py lib/surveykit/*.json lib/surveykit/*.mplstyle lib/surveykit/templates/*/* lib/surveykit/locale/*/LC_MESSAGES/*.po)
ALL_NOTEBOOKS := $(basename $(notdir $(wildcard notebooks/[0-9][0-9]_*.ipynb)))
# The reconstruction (00) and the replication audit (07) are about the paper: they
# need its reported numbers and run only when REPORTED is set.
ifeq ($(REPORTED),)
  NOTEBOOKS := $(filter-out 00_% 07_%,$(ALL_NOTEBOOKS))
else
  NOTEBOOKS := $(ALL_NOTEBOOKS)
endif

.PHONY: help all env lab test test-lib test-notebooks lint clean data bench report audit check

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

env: $(ENV_STAMP) ## build .venv from the pins in environment.yml

# The Python version the pins are for; environment.yml and lib/pyproject.toml say the same
# (tests/test_environment.py checks that the three agree).
PYTHON_VERSION := 3.11

# The pins are read from environment.yml's `pip:` list, so conda and pip install the same versions.
# uv (itself pinned there) installs them in seconds; plain pip is the fallback if uv cannot be had.
# Both write the bytecode (.pyc) of what they install, as pip does by default and uv only when asked:
# without it every process (each kernel, the report, each test worker) compiles the stack it imports
# anew, over a second each, wherever Python may not write .pyc files itself (PYTHONDONTWRITEBYTECODE).
$(ENV_STAMP): environment.yml lib/pyproject.toml
	@command -v $(PYTHON) > /dev/null || { echo "make: '$(PYTHON)' is not installed; give a Python $(PYTHON_VERSION) as PYTHON=..." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; v = "$(PYTHON_VERSION)"; have = "%d.%d" % sys.version_info[:2]; \
	  sys.exit(0 if have == v else f"make: the compendium needs Python {v}; {sys.executable} is Python {have}. Run e.g. PYTHON=python{v} make ...")'
	$(PYTHON) -m venv $(VENV)
	awk '/^  - pip:/{p=1;next} p && /^ +- /{print $$2}' environment.yml > $(VENV)/requirements.txt
	@echo "make: installing $$(wc -l < $(VENV)/requirements.txt) pinned packages into $(VENV) (about 30 s with uv; 2-5 min if it falls back to pip)"
	@if $(BIN)/pip install --quiet --disable-pip-version-check "$$(grep '^uv==' $(VENV)/requirements.txt)"; then \
	  $(BIN)/uv pip install --compile-bytecode --python $(PY) -r $(VENV)/requirements.txt; \
	else \
	  echo "make: uv could not be installed; installing with pip instead" >&2; \
	  grep -v '^uv==' $(VENV)/requirements.txt > $(VENV)/requirements-pip.txt; \
	  $(BIN)/pip install --progress-bar on --disable-pip-version-check -r $(VENV)/requirements-pip.txt; \
	fi
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e lib
	$(PY) -m compileall -q lib/surveykit
	@echo "make: $(VENV) is ready"
	touch $@

all: $(STAMPS)/report.done $(STAMPS)/thesis.done $(EDITION_TARGETS) ## run every out-of-date notebook into OUT, then the HTML report and the thesis tables (Word, Excel)

# The study's Indonesian edition: the same analysis, every sentence, table word and number in
# Bahasa Indonesia (lib/surveykit/locale), in results/id with stamps of its own.
.PHONY: edition-id
edition-id: $(STAMPS)/report.done $(STAMPS)/thesis.done
	@$(MAKE) --no-print-directory all OUT=$(ID_EDITION) LANGUAGE=id OTHER_EDITION=../../report/index.html

# Make decides which notebooks are out of date: each stamp rule only queues its
# notebook.  One driver process then runs the queue, the cleaning notebook (and
# the independent reconstruction) first, the rest side by side in warm kernels,
# and touches the stamp of each notebook that succeeded (surveykit/execute.py).
QUEUE := $(STAMPS_DIR)/.queue
FIRST_STAGE := 00_reconstruction,01_cleaning
STAMP_FILES := $(foreach name,$(NOTEBOOKS),$(STAMPS)/$(name).done)
$(shell rm -f '$(QUEUE)')

# Which inputs are used (resolved path and content, by sha256), checked before anything is
# written: OUT must not be the compendium's own folders, no input may lie where the run writes.
# OUT/.stamps/inputs.json is rewritten only when the record changes (lib/surveykit/inputs.py),
# so another DATA= reruns the analysis even when the file is older than OUT's stamps.
ifneq ($(filter-out help env lab lint test test-lib test-notebooks clean data bench check audit,$(or $(MAKECMDGOALS),help)),)
  INPUTS_PROBLEM := $(shell $(PYTHON) lib/surveykit/inputs.py --data '$(DATA)' --codebook '$(CODEBOOK)' \
    --reported '$(REPORTED)' --out '$(OUT)' --root '$(CURDIR)' --stamp '$(STAMPS_DIR)/inputs.json')
  ifneq ($(INPUTS_PROBLEM),)
    $(error $(INPUTS_PROBLEM))
  endif
endif

$(STAMPS)/%.done: notebooks/%.ipynb $(LIB) $(INPUTS) | $(ENV_STAMP)
	@mkdir -p "$$(dirname "$@")" && rm -f "$@" && echo $* >> "$(QUEUE)"

# KERNELS: notebooks run side by side, each in a warm kernel of its own (2: this machine's cores).  The test
# suite's nested runs use 1 (tests/conftest.py), as pytest's two workers already keep both cores busy.
KERNELS ?= 2
$(STAMPS)/notebooks.done: $(STAMP_FILES)
	$(PY) -m surveykit.execute --queue "$(QUEUE)" --first-stage $(FIRST_STAGE) --stamps "$(STAMPS_DIR)" \
	  --output-dir "$(NB_OUT)" --workers $(KERNELS) $(PARAMS)
	@rm -f "$(QUEUE)" && touch "$@"

report: $(STAMPS)/report.done ## render the executed notebooks as static HTML under OUT/report

$(STAMPS)/report.done: $(STAMPS)/notebooks.done $(LIB) $(INPUTS)
	$(PY) -m surveykit.report --notebooks "$(NB_OUT)" --out "$(OUT)/report" --results "$(OUT)" \
	  --codebook "$(CODEBOOK)" --reported "$(REPORTED)" \
	  --other-edition "$(OTHER_EDITION)"
	@touch "$@"

# The key tables as APA tables in Word and one sheet per table in Excel, from the tables and
# figures the notebooks wrote (surveykit/thesis.py), under OUT/thesis.
$(STAMPS)/thesis.done: $(STAMPS)/notebooks.done $(LIB) $(INPUTS)
	$(PY) -m surveykit.thesis --results "$(OUT)" --out "$(OUT)/thesis" --codebook "$(CODEBOOK)" $(if $(LANGUAGE),--language $(LANGUAGE))
	@touch "$@"

check: | $(ENV_STAMP) ## check DATA against CODEBOOK without running a notebook: every problem at once, one line each
	@$(PY) -m surveykit.check --data "$(DATA)" --codebook "$(CODEBOOK)"

# `make all` runs the same check first: a bad input stops here, listing every problem, before any kernel starts.
# A sound check keeps its cleaning result for 01, which then neither reads nor cleans the file again.
$(STAMPS)/inputs.checked: $(LIB) $(INPUTS) | $(ENV_STAMP)
	@mkdir -p "$$(dirname "$@")"
	@$(PY) -m surveykit.check --data "$(DATA)" --codebook "$(CODEBOOK)" --keep "$(STAMPS_DIR)/checked"
	@touch "$@"

# What each notebook reads besides itself, the lib and the inputs (DATA, CODEBOOK, REPORTED:
# every stamp depends on $(INPUTS)).
$(STAMPS)/00_reconstruction.done: $(dir $(STUDY_DATA))reconstruction.yml
$(STAMPS)/01_cleaning.done: $(STAMPS)/inputs.checked
$(STAMPS)/02_descriptives.done: $(STAMPS)/01_cleaning.done
$(STAMPS)/03_instrument_testing.done: $(STAMPS)/01_cleaning.done
$(STAMPS)/04_assumptions.done: $(STAMPS)/01_cleaning.done
$(STAMPS)/05_regression.done: $(STAMPS)/01_cleaning.done
$(STAMPS)/06_discussion_figures.done: $(STAMPS)/01_cleaning.done
$(STAMPS)/07_replication_audit.done: $(STAMPS)/01_cleaning.done

# The reconstruction search (slow, seeded, deterministic); `make all` uses the committed file.
data: | $(ENV_STAMP) ## regenerate data/raw/responses.csv by the reconstruction search
	$(PY) -m surveykit.reconstruction --codebook $(STUDY_CODEBOOK) --reported $(STUDY_REPORTED) --out $(STUDY_DATA)

bench: $(ENV_STAMP) ## benchmarks: environment build, floor vs make all, no-op, test suite; scaling to 10^6 respondents; search; bootstrap
	$(PY) tests/benchmarks/bench_environment.py
	$(PY) tests/benchmarks/bench_pipeline.py
	$(PY) tests/benchmarks/bench_scale.py
	@for script in tests/benchmarks/bench_*.py; do \
	  case $$script in */bench_environment.py|*/bench_pipeline.py|*/bench_scale.py) ;; \
	  *) echo "== $$script"; $(PY) $$script;; esac; done

# Audit the SPSS tables of any paper: PAPER is the text copied from its PDF.
audit: | $(ENV_STAMP) ## check every identity in a paper's pasted SPSS tables: make audit PAPER=paper.txt OUT=dir [LANGUAGE=id]
	@test -n "$(PAPER)" || { echo "make: give PAPER=<text file copied from the PDF> and OUT=<folder>" >&2; exit 1; }
	@test "$(OUT)" != results || { echo "make: give OUT=<folder> for the audit report (not the study's results)" >&2; exit 1; }
	$(PY) -m surveykit.paper_audit "$(PAPER)" "$(OUT)" --language $(or $(LANGUAGE),en)

# Options for JupyterLab, e.g. make lab LAB_ARGS="--no-browser --port 8899 --ip 0.0.0.0".
LAB_ARGS ?=
lab: $(ENV_STAMP) ## open JupyterLab with the lib importable (options: LAB_ARGS="...")
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "make lab: running as root (as in many containers and repo2docker): adding --allow-root" >&2; fi
	$(BIN)/jupyter lab notebooks $(LAB_ARGS) $$([ "$$(id -u)" = 0 ] && echo --allow-root)

lint: $(ENV_STAMP) ## ruff on lib/, tests/ and the notebooks (rules in lib/pyproject.toml)
	$(BIN)/ruff check --config lib/pyproject.toml lib tests notebooks

# One pytest run for the library tests and nbval, on two workers: each test file (each notebook) goes whole
# to a worker, the long ones first (tests/conftest.py orders them), so neither worker idles at the end.
XDIST := -n 2 --dist loadfile --no-loadscope-reorder
NBVAL := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg
# `-p surveykit` loads the package before pytest's plugins: nbval's imports nbformat, whose jsonschema would
# otherwise build an IRI parser it never uses (surveykit/__init__.py), 1.4 s in each of pytest's three processes.
PYTEST := $(BIN)/pytest -q -p surveykit

test: $(ENV_STAMP) ## run the library tests and nbval on the committed notebooks (one pytest run, two workers)
	$(PYTEST) $(XDIST) $(NBVAL) tests notebooks

test-lib: $(ENV_STAMP)
	$(PYTEST) $(XDIST) tests

test-notebooks: $(ENV_STAMP)
	$(PYTEST) $(XDIST) $(NBVAL) notebooks

clean: ## remove the virtual environment, stamps and caches (committed results stay)
	rm -rf $(VENV) results/.stamps .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
