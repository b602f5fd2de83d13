"""Load the spec: YAML files joined by relative $refs, bundled into one document with a source map.

The bundled document keeps only internal references, to the components the root file names;
every other reference is inlined. Each node of the bundled document remembers its file, line and
pointer, so later stages can say where a problem comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from .document import escape_pointer_token, split_pointer
from .errors import Location, SpecError, SpecProblem

# Component sections whose external references become named components of the bundled document.
_COMPONENT_SECTIONS = (
    "schemas",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "examples",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
)


class _Loader(yaml.CSafeLoader):
    """Safe YAML loader that keeps dates as strings, as JSON (and so OpenAPI) has no date type."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar's value: strings as written, other tags (int, float, bool, null) as YAML reads."""
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return yaml.load(node.value, Loader=_Loader)  # the resolver already decided the type: reuse it


@dataclass
class _ParsedFile:
    data: Any
    locations: dict[str, tuple[int, int]]  # pointer inside the file -> (line, column)


@dataclass
class LoadedSpec:
    """The bundled document, the root file and where each bundled node came from."""

    root: Path
    document: dict[str, Any]
    locations: dict[str, Location]
    files: tuple[Path, ...] = field(default_factory=tuple)

    def locate(self, pointer: str) -> Location | None:
        """The source of the node at `pointer`, or of its nearest ancestor that has one."""
        current = pointer
        while True:
            found = self.locations.get(current)
            if found is not None:
                return found
            if not current:
                return None
            current = current.rsplit("/", 1)[0]

    def problem(self, message: str, pointer: str) -> SpecProblem:
        return SpecProblem(message, self.locate(pointer), pointer)


class _Bundler:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.base = self.root.parent
        self.files: dict[Path, _ParsedFile | None] = {}
        self.problems: list[SpecProblem] = []
        self.locations: dict[str, Location] = {}
        # (file, pointer in file) -> internal pointer of the named component
        self.registry: dict[tuple[Path, str], str] = {}
        self.unparsable: set[Path] = set()  # files whose own syntax error is already reported

    @staticmethod
    def display(path: Path) -> Path:
        """The path as the user would type it: relative to the working directory when inside it."""
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path

    # -- reading files ---------------------------------------------------------------------------
    def parse(self, path: Path) -> _ParsedFile | None:
        if path in self.files:
            return self.files[path]
        parsed: _ParsedFile | None = None
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            self.problems.append(SpecProblem(f"cannot read file: {exc.strerror}", None, str(path)))
        else:
            parsed = self._parse_text(path, text)
        self.files[path] = parsed
        return parsed

    def _parse_text(self, path: Path, text: str) -> _ParsedFile | None:
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
            self.problems.append(
                SpecProblem(
                    f"YAML syntax error: {what}", Location(self.display(path), line, column, "")
                )
            )
            self.unparsable.add(path)
            return None
        locations: dict[str, tuple[int, int]] = {}
        if node is None:
            return _ParsedFile({}, {"": (1, 1)})
        data = self._convert(node, "", path, locations)
        return _ParsedFile(data, locations)

    def _convert(
        self,
        node: yaml.Node,
        pointer: str,
        path: Path,
        locations: dict[str, tuple[int, int]],
    ) -> Any:
        # A mapping entry is located at its key (`foo:`), set by the parent; others at the node.
        locations.setdefault(pointer, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if isinstance(key, bool) or not isinstance(key, str | int):
                    self._file_problem(path, key_node, f"mapping key {key!r} must be a string")
                    continue
                key = str(key)
                child = f"{pointer}/{escape_pointer_token(key)}"
                if key in result:
                    self._file_problem(path, key_node, f"duplicate key {key!r}")
                    continue
                locations[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self._convert(value_node, child, path, locations)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [
                self._convert(item, f"{pointer}/{index}", path, locations)
                for index, item in enumerate(node.value)
            ]
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        self._file_problem(path, node, f"unsupported YAML node {node.tag}")
        return None

    def _file_problem(self, path: Path, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            SpecProblem(message, Location(self.display(path), mark.line + 1, mark.column + 1, ""))
        )

    def location(self, path: Path, pointer: str) -> Location:
        parsed = self.files.get(path)
        line, column = (1, 1)
        if parsed is not None:
            line, column = parsed.locations.get(pointer, (1, 1))
        return Location(self.display(path), line, column, pointer or "/")

    # -- resolving references --------------------------------------------------------------------
    def target(self, ref: str, path: Path) -> tuple[Path, str]:
        file_part, _, fragment = ref.partition("#")
        target_path = (path.parent / unquote(file_part)).resolve() if file_part else path
        return target_path, unquote(fragment)

    def lookup(self, target_path: Path, pointer: str) -> tuple[bool, Any]:
        parsed = self.parse(target_path)
        if parsed is None:
            return False, None
        value = parsed.data
        for token in split_pointer(pointer):
            if isinstance(value, dict) and token in value:
                value = value[token]
            elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
                value = value[int(token)]
            else:
                return False, None
        return True, value

    def register_components(self, document: dict[str, Any]) -> None:
        components = document.get("components")
        if not isinstance(components, dict):
            return
        for section in _COMPONENT_SECTIONS:
            entries = components.get(section)
            if not isinstance(entries, dict):
                continue
            for name, entry in entries.items():
                internal = f"#/components/{section}/{escape_pointer_token(name)}"
                own = (self.root, f"/components/{section}/{escape_pointer_token(name)}")
                self.registry[own] = internal
                if isinstance(entry, dict) and isinstance(entry.get("$ref"), str):
                    target = self.target(entry["$ref"], self.root)
                    self.registry.setdefault(target, internal)

    def bundle(
        self,
        value: Any,
        path: Path,
        pointer: str,
        out: str,
        stack: tuple[tuple[Path, str], ...],
        defining: str | None = None,
    ) -> Any:
        self.locations.setdefault(out, self.location(path, pointer))
        if isinstance(value, list):
            return [
                self.bundle(item, path, f"{pointer}/{i}", f"{out}/{i}", stack)
                for i, item in enumerate(value)
            ]
        if not isinstance(value, dict):
            return value
        ref = value.get("$ref")
        if isinstance(ref, str):
            return self.bundle_ref(value, ref, path, pointer, out, stack, defining)
        return {
            key: self.bundle(
                item,
                path,
                f"{pointer}/{escape_pointer_token(key)}",
                f"{out}/{escape_pointer_token(key)}",
                stack,
                self._defining(out, key),
            )
            for key, item in value.items()
        }

    @staticmethod
    def _defining(out: str, key: str) -> str | None:
        """The internal pointer of a component when `key` is a component's entry in the root."""
        parts = out.split("/")
        if len(parts) == 3 and parts[1] == "components" and parts[2] in _COMPONENT_SECTIONS:
            return f"#{out}/{escape_pointer_token(key)}"
        return None

    def bundle_ref(
        self,
        value: dict[str, Any],
        ref: str,
        path: Path,
        pointer: str,
        out: str,
        stack: tuple[tuple[Path, str], ...],
        defining: str | None,
    ) -> Any:
        siblings = {
            key: self.bundle(
                item,
                path,
                f"{pointer}/{escape_pointer_token(key)}",
                f"{out}/{escape_pointer_token(key)}",
                stack,
            )
            for key, item in value.items()
            if key != "$ref"
        }
        key = self.target(ref, path)
        internal = self.registry.get(key)
        if internal is not None and internal != defining:
            return {"$ref": internal, **siblings}
        where = self.location(path, f"{pointer}/$ref")
        target_path, target_pointer = key
        if key in stack:
            self.problems.append(
                SpecProblem(
                    f"$ref {ref!r} refers back to itself; name its target in the root's components",
                    where,
                )
            )
            return siblings
        readable = self.parse(target_path) is not None
        found, target = self.lookup(target_path, target_pointer)
        if not found and target_path in self.unparsable:
            return siblings
        if not found:
            what = (
                f"file {self.display(target_path)} cannot be loaded"
                if not readable
                else f"no {target_pointer or '/'!r} in {self.display(target_path)}"
            )
            self.problems.append(SpecProblem(f"$ref {ref!r} is broken: {what}", where))
            return siblings
        inlined = self.bundle(target, target_path, target_pointer, out, (*stack, key))
        if isinstance(inlined, dict):
            return {**inlined, **siblings}
        return inlined


def load_spec(root: Path) -> LoadedSpec:
    """Read the root file and everything it refers to; raise SpecError with every problem found."""
    bundler = _Bundler(root)
    parsed = bundler.parse(bundler.root)
    if parsed is None or not isinstance(parsed.data, dict):
        if parsed is not None:
            bundler.problems.append(
                SpecProblem(
                    "the root document must be a mapping", bundler.location(bundler.root, "")
                )
            )
        raise SpecError(bundler.problems)
    bundler.register_components(parsed.data)
    document = bundler.bundle(parsed.data, bundler.root, "", "", ())
    bundler.problems.extend(_reference_loops(document, bundler.locations))
    if bundler.problems:
        raise SpecError(bundler.problems)
    return LoadedSpec(
        root=bundler.root,
        document=document,
        locations=bundler.locations,
        files=tuple(sorted(p for p, f in bundler.files.items() if f is not None)),
    )


def _reference_loops(document: dict[str, Any], locations: dict[str, Location]) -> list[SpecProblem]:
    """Components that are only a `$ref` leading, through other such components, back to themselves:
    they describe nothing, and validators recurse on them without end."""
    components = document.get("components")
    problems: list[SpecProblem] = []
    if not isinstance(components, dict):
        return problems
    for section, entries in components.items():
        if not isinstance(entries, dict):
            continue
        for name in entries:
            start = f"#/components/{section}/{escape_pointer_token(name)}"
            seen: list[str] = []
            current: Any = entries[name]
            while isinstance(current, dict) and isinstance(current.get("$ref"), str):
                target = current["$ref"]
                if target == start or target in seen:
                    if target == start:
                        chain = " -> ".join([start, *seen, target])
                        problems.append(
                            SpecProblem(
                                f"$ref loop: {chain} refers back to itself and describes nothing",
                                locations.get(start[1:]),
                                start[1:],
                            )
                        )
                    break
                seen.append(target)
                current = _follow(document, target)
    return problems


def _follow(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for token in split_pointer(ref.removeprefix("#")):
        if not isinstance(node, dict) or token not in node:
            return None
        node = node[token]
    return node
