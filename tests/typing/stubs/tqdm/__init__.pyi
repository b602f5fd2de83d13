# The part of tqdm's interface the generated README's progress example uses (tqdm ships no types,
# and is not a dependency): enough for mypy --strict to check the example's calls.
from types import TracebackType

class tqdm:
    n: int
    total: int | None
    def __init__(self, *, total: int | None = ..., unit: str = ...) -> None: ...
    def __enter__(self) -> tqdm: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
    def update(self, n: int = ...) -> bool | None: ...
