# The front door of the course. `make lab` to learn, `make test` to check everything.
#
# Both create a virtual environment in .venv on first use (python3 -m venv) and install the
# project into it; later runs reinstall only when pyproject.toml has changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
TEST_STAMP := $(VENV)/.installed-test
LAB_STAMP  := $(VENV)/.installed-lab
# The course's matrices are small: one BLAS thread is faster, and far faster on a busy
# machine (results do not depend on it: OpenBLAS splits a product by output blocks).
OPENBLAS_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS

.PHONY: help setup lab solutions reset test test-portable test-browser lint notebooks bench \
	bench-grade student grade exercise-data new-exercise clean site

help:
	@echo "make lab        start JupyterLab on your workbook/ (built from the course on first use)"
	@echo "make reset NOTEBOOK=02   back up your copy of notebook 02, then restore the course's"
	@echo "make solutions  start JupyterLab on the solved notebooks (solutions/, for self-study)"
	@echo "make test       ruff + pytest: unit tests and nbval (strict) on every notebook"
	@echo "make test-portable nbval strict on every notebook under 3 OpenBLAS kernels (other CPUs)"
	@echo "make test-browser  headless Chromium: an exercise in the workbook, the explorer, and the"
	@echo "                site and the workbook audited with axe-core (accessibility)"
	@echo "make site       the course as a static website in site/_build/html (offline)"
	@echo "make lint       ruff only"
	@echo "make notebooks  re-execute every notebook in place (after editing one)"
	@echo "make bench      print speed and memory figures for this machine"
	@echo "make student    student copies of the notebooks in release/notebooks/ (nbgrader)"
	@echo "make grade SUBMISSIONS=DIR   grade DIR/<student>/*.ipynb into grades/ (sandboxed;"
	@echo "                FORCE=1 replaces an earlier run, JOBS=N students at a time,"
	@echo "                KEY=path the secret key of the further cases, default ~/.config/initlib-grader/key)"
	@echo "make bench-grade  time grading 200 synthetic students"
	@echo "make new-exercise NUMBER=3.3 SIGNATURE=\"f(x, rng)\" [POINTS=2]   the skeletons of a new"
	@echo "                exercise: its two cells in notebook 03, its modules in initlib/exercises/"
	@echo "                (what the check needs) and instructor/exercises/ (reference, further cases)"
	@echo "make exercise-data  write the visible cases' expected data from the references"
	@echo "make clean      remove .venv and caches"

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Could not create $(VENV). On Debian or Ubuntu: sudo apt-get install python3-venv"; exit 1; }

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

# the tests also need Playwright, for the browser test
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,browser]"
	@touch $@

# the student's environment: the course's runtime and JupyterLab, no test or grading tools
$(LAB_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing the course and JupyterLab into $(VENV) (first time: a few minutes)..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

# the contributor's environment: also the tests, the linter and the grading tools
setup: $(STAMP)

SITE_STAMP := $(VENV)/.installed-site
$(SITE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,site]"
	@touch $@

# The workbook's notebooks as web pages, from their stored outputs (nothing runs, nothing is
# downloaded): site/_build/html, to open locally or copy to any static host.
site: $(SITE_STAMP)
	$(BIN)/python docs/build_site.py

# The workbook and the solutions are built by tools/workbook.py, which never overwrites a
# notebook the student has changed; it serves on localhost with a token (see its docstring).
lab: $(LAB_STAMP)
	@$(BIN)/python tools/workbook.py lab

solutions: $(LAB_STAMP)
	@$(BIN)/python tools/workbook.py solutions

NOTEBOOK ?=
reset: $(LAB_STAMP)
	@test -n "$(NOTEBOOK)" || { echo "usage: make reset NOTEBOOK=02 (your copy goes to workbook/backups/ first)"; exit 2; }
	$(BIN)/python tools/workbook.py reset "$(NOTEBOOK)"

lint: setup
	$(BIN)/ruff check initlib instructor tests notebooks data tools benchmarks docs

# axe-core, the accessibility engine the browser tests inject, from npm (package-lock.json)
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: apt-get install npm (the site's accessibility audit needs axe-core)"; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	@touch $@

# with Chromium, `make test` runs the browser tests, so it installs axe-core for them
test: lint $(TEST_STAMP) $(if $(shell command -v chromium),$(AXE))
	@command -v chromium >/dev/null 2>&1 || echo "NOTE: Chromium is not installed, so the browser test will be SKIPPED (apt-get install chromium, then make test-browser)."
	$(BIN)/python -m pytest

# OpenBLAS picks its kernel by CPU, and kernels round dot products differently in the last
# bit. Forcing each of these three (all run on any current x86-64 CPU) re-runs every notebook
# as machines other than this one would, and nbval strict must still match every output.
CORETYPES := Haswell Sandybridge Prescott
test-portable: $(TEST_STAMP)
	@for core in $(CORETYPES); do \
	    kernel=$$(OPENBLAS_VERBOSE=2 OPENBLAS_CORETYPE=$$core $(BIN)/python -c "import numpy" 2>&1 | grep "Core:"); \
	    test -n "$$kernel" || { echo "numpy's BLAS cannot be switched (not OpenBLAS with DYNAMIC_ARCH)"; exit 1; }; \
	    echo "== nbval strict with OPENBLAS_CORETYPE=$$core ($$kernel)"; \
	    OPENBLAS_CORETYPE=$$core $(BIN)/python -m pytest notebooks -q || exit 1; \
	done

test-browser: $(TEST_STAMP) $(AXE)
	@command -v chromium >/dev/null 2>&1 || { echo "Chromium is not installed: apt-get install chromium"; exit 1; }
	$(BIN)/python -m pytest tests/browser -v

notebooks: setup
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

student: setup
	$(BIN)/python -m instructor.course
	$(BIN)/python -m instructor.exercise_data --check
	cd instructor && PATH="$(CURDIR)/$(BIN):$$PATH" nbgrader generate_assignment notebooks --force --log-level=WARN
	@echo "Student copies written to release/notebooks/"

SUBMISSIONS ?=
TIMEOUT ?= 20
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FORCE ?=
KEY ?=
grade: setup
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=DIR (one sub-folder per student)"; exit 2; }
	$(BIN)/python -m instructor.grade "$(SUBMISSIONS)" --out grades --timeout $(TIMEOUT) --jobs $(JOBS) $(if $(FORCE),--force) $(if $(KEY),--key "$(KEY)")

bench: setup
	$(BIN)/python benchmarks/bench.py

bench-grade: setup
	$(BIN)/python benchmarks/grading.py --jobs $(JOBS)

NUMBER ?=
SIGNATURE ?=
POINTS ?= 2
exercise-data: setup
	$(BIN)/python -m instructor.exercise_data

new-exercise: setup
	@test -n "$(NUMBER)" -a -n "$(SIGNATURE)" || { echo 'usage: make new-exercise NUMBER=3.3 SIGNATURE="xavier_uniform(fan_in, fan_out, rng)" [POINTS=2]'; exit 2; }
	$(BIN)/python tools/new_exercise.py "$(NUMBER)" "$(SIGNATURE)" --points $(POINTS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info release grades artifacts gradebook.db \
		site tests/browser/node_modules
