#ifndef RETENTION_CLIBCRYPTO_SHIM_H
#define RETENTION_CLIBCRYPTO_SHIM_H
/* OpenSSL's one-shot SHA-256 context (SHA256_Init/Update/Final). OpenSSL 3 marks these
   low-level calls deprecated in favour of EVP, but they remain supported, use the same
   assembly (SHA-NI / AVX2) and keep the context a plain value, which suits a Swift struct. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
#endif
