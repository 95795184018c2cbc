"""Which keyphrases can name a theme, which are one phrase spelt two ways, and how each reads.

A theme is named by a noun phrase a reader would file papers under ("3D Gaussian splatting"),
never by a word that every research abstract uses ("accuracy", "pipeline") nor by a
modifier cut from its noun ("LLM-based", "fine-grained").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import lemminflect
import Stemmer
from wordfreq import zipf_frequency

from generator.index.keywords import ADJECTIVES, FUNCTION_WORDS, GENERIC, LEADING_VERBS, fold_word

# Words of research prose: they say how a paper goes about its work, in any field, not what
# the work is about. Alone they never name a theme; in a phrase, another word must.
RESEARCH_PROSE = frozenset(
    """
    ability abilities accuracy advance advances advantage aim algorithm amount approach aspect
    assessment assumption attempt average behavior behaviour benchmark benefit capability
    capacity case category characteristic choice claim comparison component concept condition
    configuration consideration consistency constraint content context contribution control
    criterion decision degree demand description design detail development difference
    difficulty dimension direction discussion distribution domain effect effort element
    evidence example experience explanation exploration extent factor failure feature finding
    flexibility focus form formulation foundation function gain gap generalization goal
    guidance guideline idea impact implementation importance improvement increase information
    input insight instance instruction interaction interpretation investigation kind knowledge
    label lack level limit manner measure measurement mechanism method methodology metric mode
    module need objective observation operation opportunity option order outcome output
    overview paradigm part pattern perspective phase pipeline point potential practice
    precision prediction principle procedure process product progress property proposal
    purpose quality quantity range rate ratio reason reduction relation relationship
    reliability report representation requirement research resource response result review
    risk robustness role rule sample scale scenario scheme scope score sense set signal
    solution source stage standard state status step structure style success suite summary
    support survey target technique tendency term test theory tool trend understanding unit
    usage use user utility validation value variant variation variety version view
    weakness weight address outperform generate achieve enable improve propose leverage
    apply evaluate employ utilize obtain provide require reveal identify investigate explore
    compare capture predict produce reduce remain yield surpass exhibit highlight end
    learn prove include deploy respond evaluating responding deploying including using
    computing left right doi background magnitude stability sensitivity attribute diversity
    computation statement conflict infrastructure trust access range matter drop discuss
    overhead bottleneck alternative complexity coverage error fidelity flexibility
    granularity novelty popularity realism redundancy scalability simplicity speed strength
    throughput tradeoff usability validity variance versatility characteristics aligning
    wide incorrect correct advancement evaluation inconsistency metrics
    """.split()
)
# Comparatives and other adjectives that end no noun phrase.
# Comparatives and other adjectives, and the tails of compound modifiers (LLM-based,
# fine-grained, task-specific): they qualify a topic but do not name one.
MODIFIERS = frozenset(
    """
    smaller larger better worse higher lower faster slower stronger weaker longer shorter
    deeper wider simpler easier harder greater fewer more less most least complex robust
    general specific based aware free driven oriented like wise agnostic level grained scale
    shot step time yet effective efficient rich open real downstream upstream direct
    implicit explicit accurate popular novel recent diverse simple strong weak standard
    typical common prior several many main major minor crucial critical essential important
    significant promising challenging reliable scalable superior comprehensive extensive
    remarkable substantial competitive consistent precise fine coarse unified universal
    additional dense sparse full partial multiple single various different new existing rapid
    """.split()
)
MODIFIER_ENDINGS = ("ed", "ly", "ive", "ous", "ful", "less", "able", "ible", "al", "ic", "ary")
# Nouns with those endings.
NOUNS = frozenset(
    """
    anomaly family assembly supply table cable variable archive embed signal journal terminal
    animal trial material proposal manual capital metal crystal portal hospital tutorial
    rental fractal mineral interval approval referral total ritual individual chemical
    principal protocol music logic topic clinic traffic graphic mechanic metric arithmetic
    epidemic pandemic mosaic magic critic heuristic plastic fabric tactic library dictionary
    summary boundary vocabulary glossary commentary adversary diary military
    """.split()
)
MODEL_SIZE = re.compile(r"\d+(\.\d+)?[bmk]")


# Verbs a YAKE phrase may start with ("include contrastive divergence").
VERBS = LEADING_VERBS | frozenset(
    """
    include includes including predict predicts deploy deploying existing use using
    learn learns evaluate evaluating enhance enhancing reduce reducing generate generating
    """.split()
)
# Heads that make a phrase about how work is done, not what it is about ("fine-tuning
# methods", "reasoning capabilities", "rendering quality").
TAILS = frozenset(
    """
    approach method framework technique strategy scheme paradigm pipeline procedure
    methodology capability ability quality performance accuracy efficiency effectiveness
    result problem issue task setting solution tool process step stage phase module
    component recipe
    """.split()
)


def is_modifier(word: str) -> bool:
    """An adjective or participle, as far as its ending tells."""
    return (
        word in MODIFIERS
        or word in ADJECTIVES
        or (
            len(word) > 4
            and word.endswith(MODIFIER_ENDINGS)
            and not word.endswith(("eed", "val"))
            and word not in NOUNS
        )
    )


# Words of research prose that still head a topic when qualified: implicit neural
# representation, domain generalization, human-robot interaction, optimal control.
HEADS = frozenset("representation generalization interaction control knowledge instruction".split())


def is_adverb(word: str) -> bool:
    """A clause, not a topic, holds one ("remains poorly understood")."""
    return len(word) > 4 and word.endswith("ly") and word not in NOUNS


def is_content_word(word: str, alone: bool = False) -> bool:
    prose = word in RESEARCH_PROSE and (alone or word not in HEADS)
    return not (word in GENERIC or prose or word in FUNCTION_WORDS or is_modifier(word))


# Words that compare a phrase with another, and start no noun phrase ("than human").
COMPARING = frozenset("than unlike like per versus".split())


@lru_cache(maxsize=1 << 18)
def can_name_theme(key: str) -> bool:
    """A key (see `keywords.phrase_key`) that reads as a topic: it ends in a noun and holds a
    word that is neither research prose nor a modifier ("deep learning" does not), and does
    not start with a number ("3D" and "5G" are names)."""
    words = key.split()
    if not words or words[0] in FUNCTION_WORDS or words[0] in VERBS or words[0] in COMPARING:
        return False
    if words[0].isdigit():  # a count of something ("10 languages", "204 patients")
        return False
    if is_modifier(words[-1]) or words[-1] in TAILS:
        return False
    if any(is_adverb(w) for w in words):
        return False
    if not any(is_content_word(w, alone=len(words) == 1) for w in words):
        return False
    if words[-1] in FUNCTION_WORDS:
        return False
    return len(key) > 1 and not (len(words) == 1 and MODEL_SIZE.fullmatch(words[0]))


SUFFIXES = ("ities", "ity", "ness", "ing", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """Enough of a word that its derived forms share it: sparse and sparsity → spars."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1 << 18)
def variant_key(key: str) -> str:
    """One key for the spellings of one phrase: case, plural, hyphen, space and derivation
    of its last word (pre-training, pretraining, Pre-trainings; sparse, sparsity)."""
    # Twice: biases → bias → bia, as bias → bia.
    return stem(stem("".join(fold_word(w) for w in key.split())))


def folded_words(key: str) -> tuple[str, ...]:
    """A key as the text scan sees it: every word folded, not only the last."""
    return tuple(fold_word(w) for w in key.split())


# A word at least this common in general English (wordfreq's Zipf scale: once per 100,000
# words) is everyday: alone it names a category or nothing ("object", "flow", "memory").
EVERYDAY_ZIPF = 4.0


@lru_cache(maxsize=1 << 18)
def is_everyday(word: str) -> bool:
    return zipf_frequency(word, "en") >= EVERYDAY_ZIPF


def names_alone(label: str) -> bool:
    """A one-word name stands only when the word is a term of the field (its Zipf below
    `EVERYDAY_ZIPF`) or written as a name or acronym (LLaMA, AD), never an everyday word."""
    word = bare(label)
    if " " in word or "-" in word or word != word.lower():
        return True
    return not is_everyday(word)


def bare(label: str) -> str:
    """A label without its trailing "(ACRONYM)"."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", label).strip()


STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=1 << 18)
def concept_key(key: str) -> str:
    """One key for the same words in any order or form: "knowledge transfer" and "transfer
    knowledge", "LLM fine-tuning" and "fine-tuned LLMs", "align images" and "image alignment"."""
    words = [w for w in re.findall(r"[a-z0-9]+", key.lower()) if w not in FUNCTION_WORDS]
    return " ".join(sorted(STEMMER.stemWords(words)))


@lru_cache(maxsize=1 << 18)
def verb_only(word: str) -> bool:
    """A word English uses only as a verb (align, evaluates, interact); a gerund is a noun
    too (pruning, benchmarking), a participle an adjective (retrieval-augmented)."""
    if word.lower().endswith(("ing", "ed")):
        return False
    forms = lemminflect.getAllLemmas(word.lower())
    return bool(forms) and set(forms) == {"VERB"}


# Gerunds the field uses as nouns that English dictionaries list as verbs only.
NOUN_GERUNDS = frozenset(
    """
    reasoning prompting editing captioning inpainting denoising parsing tagging hashing
    jailbreaking watermarking benchmarking pretraining finetuning
    """.split()
)


@lru_cache(maxsize=1 << 18)
def nominal(word: str) -> bool:
    """A word English uses as a noun or adjective, or one it does not know (LLM, Gemini):
    not "have", "mitigating"."""
    word = word.lower()
    forms = lemminflect.getAllLemmas(word)
    return not forms or word in NOUN_GERUNDS or bool({"NOUN", "ADJ", "PROPN"} & set(forms))


# Endings of words English dictionaries do not list that make adjectives ("gaussian",
# "multimodal", "bayesian"); a word in capitals or mixed case is a name (LLM, GaLore).
ADJECTIVE_ENDINGS = ("ian", "al", "ive", "ous", "ic")


@lru_cache(maxsize=1 << 16)
def qualifies_only(label: str) -> bool:
    """A name that ends in a word that qualifies a noun and names none: an adjective
    ("incomplete", "gaussian") or a hyphenated modifier ("multi-agent", "low-rank",
    "text-to-image"); a hyphenated gerund or an "of" phrase is a noun ("fine-tuning",
    "chain-of-thought")."""
    words = re.sub(r"\s*\([^)]*\)$", "", unquoted(label)).split()
    if not words or not words[-1].islower():
        return False
    last = words[-1]
    if "-" in last:
        parts = [part for part in last.split("-") if part]
        return not (parts[-1].endswith("ing") or "of" in parts[1:-1])
    forms = set(lemminflect.getAllLemmas(last))
    if not forms:
        return last.endswith(ADJECTIVE_ENDINGS)
    return forms <= {"ADJ", "ADV"}


def plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics"))


@lru_cache(maxsize=1 << 18)
def is_noun_phrase(text: str) -> bool:
    """Reads as a noun phrase: no verb-only word, not a verb followed by its object
    ("answering questions") or a subject by its verb ("pairs spanning"), and a plural word
    ends the phrase, not inside it ("tests sets")."""
    words = re.findall(r"[A-Za-z]+", text)
    if not words or any(verb_only(w) for w in words):
        return False
    lowered = [w.lower() for w in words]
    if len(lowered) > 1 and lowered[0].endswith("ing") and not nominal(lowered[0]):
        return False  # a verb and its object: "accelerating LLM", "answering questions"
    if len(lowered) > 1 and lowered[-1].endswith("ing") and plural(lowered[-2]):
        return False  # a subject and its verb: "pairs spanning"
    return not any(plural(w) for w in words[:-1] if w.islower())


def reader_form(text: str) -> str:
    """Title-Case words of a surface form lowered ("Retrieval-Augmented" → "retrieval-
    augmented"); acronyms and names in mixed case kept (LLM, LoRA, NeRF)."""
    parts = re.split(r"([\s-]+)", unquoted(text))
    return "".join(
        p.lower() if p[:1].isupper() and p[1:].islower() and len(p) > 1 else p for p in parts
    )


# Straight and curly quotes, single and double.
QUOTES = "'\u2019\u2018\"\u201c\u201d"


def unquoted(text: str) -> str:
    """Quotes at a word's edge are the sentence's, not the phrase's ("physicians'")."""
    return " ".join(w.strip(QUOTES) for w in text.split() if w.strip(QUOTES))


def theme_label(forms: Counter[str], acronyms: Iterable[str]) -> str:
    """The longest of the forms most papers use, a noun phrase before a verb phrase, with its
    acronym: "3D Gaussian splatting (3DGS)", "image alignment" before "align images"."""
    counted: Counter[str] = Counter()
    for text, n in forms.items():
        counted[reader_form(text)] += n
    most = max(counted.values())
    frequent = [t for t, n in counted.items() if 2 * n >= most] + [
        t for t, n in counted.items() if 2 * n < most and is_noun_phrase(t)
    ]
    label = min(
        frequent,
        key=lambda t: (
            not is_noun_phrase(t),
            2 * counted[t] < most,
            -len(t.split()),
            -counted[t],
            t,
        ),
    )
    written = sorted(set(acronyms))
    if written and label not in written:
        return f"{label} ({written[0]})"
    return label


@lru_cache(maxsize=1 << 18)
def can_show(keyword_text: str, key: str) -> bool:
    """A keyword a reader can use: a noun phrase that could name a topic, not an everyday
    word alone ("image", "human") nor a modifier cut from its noun ("training-free")."""
    return can_name_theme(key) and names_alone(keyword_text) and is_noun_phrase(keyword_text)
