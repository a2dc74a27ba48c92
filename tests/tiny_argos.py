"""A tiny but real argostranslate package, built from scratch: no download, a second to make.

A CTranslate2 transformer (one layer, 16 dimensions) with random weights made through
``ctranslate2.specs``, a sentencepiece model trained on a few sentences, and the metadata.json
argostranslate reads, zipped as an ``.argosmodel``. Its translations are gibberish, but they go
through the same loading, tokenizing and batch-translating code as a real model's.
Used by the test suite and by benchmarks/translate_benchmark.py.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Written for these tests: short news-style sentences in Arabic and English.
SENTENCES = (
    "افتتح معرض الكتاب في الأحساء صباح اليوم.",
    "وقالت الهيئة إن المشروع سيكتمل العام المقبل.",
    "تعمل المحطة الجديدة بالطاقة الشمسية.",
    "ارتفعت أسعار النفط في الأسواق العالمية.",
    "يبدأ تشغيل الحافلات السريعة في الدمام الشهر المقبل.",
    "The book fair opened in Al-Ahsa this morning.",
    "The authority said the project will be finished next year.",
    "The new plant runs on solar power.",
    "Oil prices rose on world markets.",
    "Rapid buses start running in Dammam next month.",
)
LANGUAGE_NAMES = {"ar": "Arabic", "en": "English", "de": "German", "fa": "Persian", "fr": "French"}
DIMENSIONS, FEED_FORWARD, HEADS, LAYERS = 16, 32, 2, 1
EOS_BIAS = 2.5  # keeps the random model's outputs a few tokens long


@dataclass(frozen=True)
class Size:
    dimensions: int = DIMENSIONS
    feed_forward: int = FEED_FORWARD
    heads: int = HEADS
    layers: int = LAYERS
    vocabulary: int = 80
    eos_bias: float = EOS_BIAS
    quantization: str | None = None  # e.g. "int8", as argos packages ship


TINY = Size()
# The shape of an argos translation model (transformer base), for speed measurements.
BASE = Size(dimensions=512, feed_forward=2048, heads=8, layers=6, vocabulary=4000, eos_bias=0.0, quantization="int8")


def build_package(dest: Path, source: str = "ar", target: str = "en", version: str = "1.0",
                  seed: int = 0, sentences: tuple[str, ...] = SENTENCES, size: Size = TINY) -> Path:
    """Write ``translate-<source>_<target>-<version>.argosmodel`` into ``dest`` and return its path."""
    import sentencepiece
    from ctranslate2.specs import model_spec, transformer_spec

    proto = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(list(sentences) * 5), model_writer=proto, vocab_size=size.vocabulary,
        model_type="unigram",
        character_coverage=1.0, hard_vocab_limit=False, minloglevel=2, num_threads=1)
    tokenizer = sentencepiece.SentencePieceProcessor(model_proto=proto.getvalue())
    vocabulary = [tokenizer.id_to_piece(i) for i in range(tokenizer.get_piece_size())]

    spec = transformer_spec.TransformerSpec.from_config(num_layers=size.layers, num_heads=size.heads)
    rng = np.random.default_rng(seed)
    _fill(spec, rng, len(vocabulary), model_spec.LayerSpec, size)
    bias = np.zeros(len(vocabulary), dtype=np.float32)
    bias[vocabulary.index("</s>")] = size.eos_bias
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    if size.quantization:
        spec.optimize(quantization=size.quantization)

    folder = f"translate-{source}_{target}-{version.replace('.', '_')}"
    staging = dest / f".{folder}"
    spec.save(str(_mkdir(staging / "model")))
    metadata = {
        "package_version": version, "argos_version": "1.9.0", "from_code": source, "to_code": target,
        "from_name": LANGUAGE_NAMES.get(source, source), "to_name": LANGUAGE_NAMES.get(target, target),
        "type": "translate", "links": [],
    }
    archive = dest / f"{folder}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{folder}/metadata.json", json.dumps(metadata, indent=2))
        zf.writestr(f"{folder}/sentencepiece.model", proto.getvalue())
        zf.writestr(f"{folder}/README.md", f"Tiny random {source}→{target} test model (Wirewatch tests).\n")
        for path in sorted((staging / "model").iterdir()):
            zf.write(path, f"{folder}/model/{path.name}")
    shutil.rmtree(staging)
    return archive


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _fill(spec: object, rng: np.random.Generator, vocab: int, layer_type: type, size: Size,
          scope: str = "") -> None:
    """Give every unset weight of the spec a random value of the shape its name calls for."""
    for name, value in list(vars(spec).items()):
        if name.startswith("_"):
            continue
        path = f"{scope}{name}"
        if isinstance(value, layer_type):
            _fill(value, rng, vocab, layer_type, size, path + ".")
        elif isinstance(value, list) and value and isinstance(value[0], layer_type):
            for i, layer in enumerate(value):
                _fill(layer, rng, vocab, layer_type, size, f"{path}.{i}.")
        elif value is None:
            shape = _shape(path, vocab, size)
            if name == "gamma":
                array = np.ones(shape, dtype=np.float32)
            elif name == "beta":
                array = np.zeros(shape, dtype=np.float32)
            else:
                array = rng.normal(0.0, 0.5 / np.sqrt(shape[-1] / DIMENSIONS), shape).astype(np.float32)
            setattr(spec, name, array)


def _shape(path: str, vocab: int, size: Size) -> tuple[int, ...]:
    d, ff = size.dimensions, size.feed_forward
    parts = path.split(".")
    if parts[-1] in ("gamma", "beta"):
        return (d,)
    if "embeddings" in parts or "projection" in parts:
        return (vocab, d)
    if "linear_0" in parts:
        return (ff, d)
    if "linear_1" in parts:
        return (d, ff)
    index = int(parts[-2])
    if "self_attention" in parts:  # fused query-key-value, then output
        return [(3 * d, d), (d, d)][index]
    if "attention" in parts:  # query, fused key-value, output
        return [(d, d), (2 * d, d), (d, d)][index]
    raise ValueError(f"no shape known for {path}")
