# Runtime of the generated Akeneo PIM client: static file copied verbatim from templates/runtime/.
"""The Connected-App sign-in kit: authorize URL and `state`, `code_challenge`, the code-for-token
exchange, and the OpenID `id_token` check (apps.md).

```python
from akeneo_pim import apps

state = apps.new_state()  # store it in the user's session, then redirect to:
url = apps.authorize_url(pim_url, CLIENT_ID, ["read_products", "openid"], state)
# ... on the callback:
apps.check_state(stored_state, params.get("state"))
token = apps.exchange_code(pim_url, CLIENT_ID, CLIENT_SECRET, params["code"])
claims = apps.verify_id_token(pim_url, CLIENT_ID, token.id_token)  # needs akeneo-pim[apps]
```
The `id_token` check needs PyJWT with its crypto extra (`pip install 'akeneo-pim[apps]'`),
imported on first use. The names are defined in `_app_flow` and `_id_token`.
"""

from __future__ import annotations

from ._app_flow import (
    AUTHORIZE_PATH,
    PUBLIC_KEY_PATH,
    TOKEN_PATH,
    AppSignInError,
    AppToken,
    StateMismatchError,
    TokenExchangeError,
    async_exchange_code,
    authorize_url,
    check_state,
    code_challenge,
    exchange_code,
    new_code_identifier,
    new_state,
    normalize_pim_url,
)
from ._id_token import (
    IdTokenClaims,
    IdTokenError,
    MissingDependencyError,
    async_fetch_public_key,
    async_verify_id_token,
    decode_id_token,
    fetch_public_key,
    verify_id_token,
)

__all__ = [
    "AUTHORIZE_PATH",
    "PUBLIC_KEY_PATH",
    "TOKEN_PATH",
    "AppSignInError",
    "AppToken",
    "IdTokenClaims",
    "IdTokenError",
    "MissingDependencyError",
    "StateMismatchError",
    "TokenExchangeError",
    "async_exchange_code",
    "async_fetch_public_key",
    "async_verify_id_token",
    "authorize_url",
    "check_state",
    "code_challenge",
    "decode_id_token",
    "exchange_code",
    "fetch_public_key",
    "new_code_identifier",
    "new_state",
    "normalize_pim_url",
    "verify_id_token",
]
