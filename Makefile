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

.PHONY: help setup lab solutions reset test test-fast test-portable test-browser lint notebooks \
	bench bench-grade student grade grade-scheduler grade-worker key-fingerprint exercise-data new-exercise clean site claims assignments \
	grade-assignment import-canvas import-moodle export-canvas export-moodle feedback-html gradebook

help:
	@echo "make lab        start JupyterLab on your workbook/ (built from the course on first use)"
	@echo "make reset NOTEBOOK=02   back up your copy of notebook 02, then restore the course's"
	@echo "make solutions  start JupyterLab on the solved notebooks (solutions/, for self-study)"
	@echo "make test       ruff + pytest: unit tests and nbval (strict) on every notebook"
	@echo "make test-fast  ruff + the unit tests only (no nbval, grader or browser): the quick loop"
	@echo "make test-portable nbval strict on every notebook under 3 OpenBLAS kernels (other CPUs)"
	@echo "make test-browser  headless Chromium: an exercise in the workbook, the explorer, and the"
	@echo "                site and the workbook audited with axe-core (accessibility)"
	@echo "make site       the course as a static website in site/_build/html (offline)"
	@echo "make claims     the sceptic's suite: every claim re-measured on fresh seeds, longer runs"
	@echo "                and all the data; writes docs/how_sure.md (the site's \"How sure are we?\")"
	@echo "make lint       ruff only"
	@echo "make notebooks  re-execute the notebooks whose sources changed (ALL=1: every one)"
	@echo "make bench      print speed and memory figures for this machine"
	@echo "make assignments  list the class's assignments (instructor/assignments.toml)"
	@echo "make student [ASSIGNMENT=name]  student copies in release/<assignment>/ (nbgrader),"
	@echo "                points verified against the exercise registry first"
	@echo "make grade SUBMISSIONS=DIR   grade DIR/<student>/*.ipynb into grades/ (sandboxed;"
	@echo "                FORCE=1 replaces an earlier run, JOBS=N students at a time,"
	@echo "                KEY=path the secret key of the further cases, default ~/.config/initlib-grader/key,"
	@echo "                RENAME=old.ipynb=notebook.ipynb a handed-in file taken for a course notebook,"
	@echo "                SCHEDULER=local or tcp://host:8786 through Dask's workers, same results)"
	@echo "make grade-scheduler [PORT=8786]   a Dask scheduler for grading on several machines"
	@echo "make grade-worker SCHEDULER=tcp://host:8786 [JOBS=N]   on each machine: grade its share"
	@echo "make key-fingerprint [KEY=path]   the key's fingerprint, to check two TAs hold the same key"
	@echo "make bench-grade  students per second, on this machine and through 1 and 2 Dask workers"
	@echo "make import-canvas ASSIGNMENT=a DOWNLOAD=submissions.zip   (or import-moodle) the LMS's"
	@echo "                bulk download into submissions/a/, a folder per student, and its roster"
	@echo "make grade-assignment ASSIGNMENT=a   grade submissions/a/ into grades/a/"
	@echo "make feedback-html ASSIGNMENT=a   a feedback page per student in returned/a/"
	@echo "make export-canvas ASSIGNMENTS=\"a b\"   (or export-moodle) the LMS's grade import in uploads/"
	@echo "make gradebook  every graded assignment in gradebook.csv, a row per student"
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

# the contributor's quick loop: ruff and the unit tests but the slow ones, without nbval, the
# grader's sandbox or the browser (make test runs everything)
test-fast: lint
	$(BIN)/python -m pytest tests/unit -m "not slow" -o addopts="-p no:cacheprovider -rs" -q

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

# only the notebooks whose sources changed since their last run; ALL=1 runs every one (after
# a change to initlib that alters outputs). Unchanged notebooks stay byte-identical.
ALL ?=
notebooks: setup
	$(BIN)/python tools/execute_notebooks.py $(if $(ALL),--all) notebooks/*.ipynb

# nbgrader's source/<assignment>/ layout is generated in build/source/ from notebooks/ and
# instructor/assignments.toml; a failed run leaves release/ as it was (instructor/assignments.py)
ASSIGNMENT ?=
student: setup
	$(BIN)/python -m instructor.course
	$(BIN)/python -m instructor.exercise_data --check
	$(BIN)/python -m instructor.assignments student $(ASSIGNMENT)

assignments: setup
	@$(BIN)/python -m instructor.assignments list

SUBMISSIONS ?=
TIMEOUT ?= 20
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FORCE ?=
KEY ?=
SCHEDULER ?=
RENAME ?=
grade: setup
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=DIR (one sub-folder per student)"; exit 2; }
	$(BIN)/python -m instructor.grade "$(SUBMISSIONS)" --out grades --timeout $(TIMEOUT) --jobs $(JOBS) $(if $(FORCE),--force) $(if $(KEY),--key "$(KEY)") $(if $(RENAME),--rename "$(RENAME)") $(if $(SCHEDULER),--scheduler "$(SCHEDULER)")

# Grading on several machines (instructor/cluster.py): a scheduler on one machine, a worker on
# each (with this repository at the same commit, make setup and bubblewrap); no key on workers.
PORT ?= 8786
grade-scheduler: setup
	$(BIN)/dask scheduler --port $(PORT) --no-dashboard

grade-worker: setup
	@test -n "$(SCHEDULER)" || { echo "usage: make grade-worker SCHEDULER=tcp://host:8786 [JOBS=N]"; exit 2; }
	DASK_DISTRIBUTED__WORKER__DAEMON=False PYTHONPATH="$(CURDIR)" $(BIN)/dask worker "$(SCHEDULER)" \
		--nthreads $(JOBS) --no-dashboard --preload instructor.cluster

key-fingerprint: setup
	@$(BIN)/python -m instructor.key_fingerprint $(if $(KEY),--key "$(KEY)")

# One assignment at a time, with the LMS round trip (instructor/lms.py): the download in,
# grades and feedback pages out, the LMS's import file written.
DOWNLOAD ?=
ASSIGNMENTS ?= $(ASSIGNMENT)
USERS ?=
import-canvas import-moodle: setup
	@test -n "$(ASSIGNMENT)" -a -n "$(DOWNLOAD)" || { echo "usage: make $@ ASSIGNMENT=name DOWNLOAD=path/to/download.zip [FORCE=1] [RENAME=old.ipynb=notebook.ipynb]"; exit 2; }
	$(BIN)/python -m instructor.lms import $(subst import-,,$@) "$(DOWNLOAD)" --out "submissions/$(ASSIGNMENT)" $(if $(FORCE),--force) $(if $(RENAME),--rename "$(RENAME)")

grade-assignment: setup
	@test -n "$(ASSIGNMENT)" || { echo "usage: make grade-assignment ASSIGNMENT=name [SUBMISSIONS=submissions/name] [FORCE=1]"; exit 2; }
	$(BIN)/python -m instructor.assignments sources
	$(BIN)/python -m instructor.grade "$(or $(SUBMISSIONS),submissions/$(ASSIGNMENT))" --notebooks "build/source/$(ASSIGNMENT)" --out "grades/$(ASSIGNMENT)" --timeout $(TIMEOUT) --jobs $(JOBS) $(if $(FORCE),--force) $(if $(KEY),--key "$(KEY)") $(if $(SCHEDULER),--scheduler "$(SCHEDULER)")

feedback-html: setup
	@test -n "$(ASSIGNMENT)" || { echo "usage: make feedback-html ASSIGNMENT=name"; exit 2; }
	$(BIN)/python -m instructor.feedback_html "grades/$(ASSIGNMENT)" --out "returned/$(ASSIGNMENT)" $(if $(wildcard submissions/$(ASSIGNMENT).roster.csv),--roster "submissions/$(ASSIGNMENT).roster.csv")

export-canvas export-moodle: setup
	@test -n "$(ASSIGNMENTS)" || { echo "usage: make $@ ASSIGNMENTS=\"week1 week2\" [USERS=moodle-grade-export.csv]"; exit 2; }
	@mkdir -p uploads
	$(BIN)/python -m instructor.lms export $(subst export-,,$@) $(addprefix grades/,$(ASSIGNMENTS)) --out "uploads/$(subst export-,,$@)-grades.csv" $(if $(USERS),--users "$(USERS)")

gradebook: setup
	$(BIN)/python -m instructor.lms gradebook $(filter-out grades/feedback/,$(wildcard grades/*/)) --out gradebook.csv

# every claim of the notebooks measured again under stresses (tools/claims.py); CI runs it
claims: setup
	$(BIN)/python tools/claims.py --jobs $(JOBS)

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
		returned uploads gradebook.csv \
		site tests/browser/node_modules
