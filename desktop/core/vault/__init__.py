"""The encrypted vault: SQLCipher database under a random key, wrapped by the passphrase."""

from desktop.core.vault.files import VaultPaths
from desktop.core.vault.keyfile import kdf_profile_from_env
from desktop.core.vault.vault import CheckResult, Vault

__all__ = ["CheckResult", "Vault", "VaultPaths", "kdf_profile_from_env"]
