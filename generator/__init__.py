"""Generator of the typed Akeneo PIM Python client from the curated OpenAPI document in spec/."""
