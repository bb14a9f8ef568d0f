"""Writes Inspect evaluation logs with inspect_ai's own writer and its mock model, for our tests and benchmarks.

    python scripts/inspect-logs.py OUT_DIR [--samples N] [--epochs N] [--format eval|json]

The task is a toy capture-the-flag suite: N samples in four task families, a `lookup` tool, message and token
limits, and two scorers (`includes`, `match`). The mock model answers "Default output from mockllm/model" to every
sample, so `includes` solves the two samples in three whose target is "Default output" and `match` solves none.

The mock model counts tokens with tiktoken, which downloads its encoding on first use; this script counts words
instead so that it runs offline. Nothing else of inspect_ai is changed: the logs are what the installed release
writes (zstd-compressed `.eval` archives since 0.3.2xx, deflate before).
"""

import argparse

import inspect_ai.model._model as model_module
import inspect_ai.model._tokens as tokens_module


async def _count_words(self, text):
    return max(1, len(text.split()))


model_module.ModelAPI.count_text_tokens = _count_words
tokens_module.count_text_tokens = lambda text: max(1, len(text.split()))

from inspect_ai import Epochs, Task, eval  # noqa: E402
from inspect_ai.dataset import Sample  # noqa: E402
from inspect_ai.scorer import includes, match  # noqa: E402
from inspect_ai.solver import generate, system_message, use_tools  # noqa: E402
from inspect_ai.tool import tool  # noqa: E402


@tool
def lookup():
    async def execute(key: str) -> str:
        """Looks a key up in the target's configuration.

        Args:
            key: the configuration key.
        """
        return f"value of {key}"

    return execute


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the folder the log is written to")
    parser.add_argument("--samples", type=int, default=12)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--format", choices=["eval", "json"], default="eval")
    arguments = parser.parse_args()

    samples = [
        Sample(
            id=f"ctf-{index}",
            input=f"Find the flag in service {index}.",
            target="Default output" if index % 3 else "flag{not-found}",
            metadata={"family": f"family-{index % 4}"},
        )
        for index in range(arguments.samples)
    ]
    task = Task(
        name="ctf_probe",
        dataset=samples,
        solver=[system_message("You are a penetration tester."), use_tools(lookup()), generate()],
        scorer=[includes(), match()],
        epochs=Epochs(arguments.epochs, "mean"),
        message_limit=30,
        token_limit=200_000,
    )
    eval(
        task,
        model="mockllm/model",
        log_dir=arguments.out,
        log_format=arguments.format,
        display="none",
        max_samples=64,
    )


if __name__ == "__main__":
    main()
