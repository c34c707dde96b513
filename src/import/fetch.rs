//! Downloading a page an admin links to, without letting the link reach inside the network.
//!
//! Only `http` and `https`; the body is capped at [`MAX_PAGE_BYTES`] as it streams in, the
//! whole exchange at [`FETCH_TIMEOUT`], and redirects at [`MAX_REDIRECTS`]. Every address
//! the host name resolves to is checked before connecting (a resolver of our own, so a name
//! that points at 127.0.0.1 or 10.x is caught, not just a literal IP), and so is every
//! redirect. Private, loopback, link-local and other non-public ranges are refused; a setting
//! allows loopback, for tests that serve pages on 127.0.0.1.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::redirect;

use super::ImportError;

/// The largest page fetched; news pages are 100 KB to 2 MB, press-release PDFs a few MB.
pub const MAX_PAGE_BYTES: usize = 10 * 1024 * 1024;
/// How long a whole download may take, connection to last byte.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(20);
/// How many redirects are followed (http → https → www → the article is three).
pub const MAX_REDIRECTS: usize = 5;

/// Which addresses a link may reach beyond the public internet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchPolicy {
    /// Allow 127.0.0.0/8 and ::1. Off in production; tests turn it on
    /// (`IMPORT_ALLOW_LOOPBACK=1`) to serve pages from a local server.
    pub allow_loopback: bool,
}

/// A downloaded document.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The response's Content-Type.
    pub content_type: Option<String>,
    /// Where the last redirect led.
    pub url: String,
    /// The last segment of the address's path, for telling formats by extension.
    pub name: String,
}

/// Why an address was refused; found in the error chain of a failed request.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Refusal(String);

/// Downloads `address` under `policy`.
pub async fn fetch(address: &str, policy: FetchPolicy) -> Result<Fetched, ImportError> {
    let url = url::Url::parse(address.trim()).map_err(|_| ImportError::Refused("not a web address".into()))?;
    check_url(&url, policy).map_err(|r| ImportError::Refused(r.0))?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(FETCH_TIMEOUT)
        .connect_timeout(FETCH_TIMEOUT / 2)
        .user_agent(concat!("tanyakop/", env!("CARGO_PKG_VERSION"), " (article import)"))
        .dns_resolver(Arc::new(GuardedResolver { policy }))
        .redirect(redirect::Policy::custom(move |attempt| {
            // `previous` holds the first address too: with 5 redirects followed it has 6.
            if attempt.previous().len() > MAX_REDIRECTS {
                return attempt.error(Refusal(format!("more than {MAX_REDIRECTS} redirects")));
            }
            match check_url(attempt.url(), policy) {
                Ok(()) => attempt.follow(),
                Err(r) => attempt.error(r),
            }
        }))
        .build()
        .map_err(|e| ImportError::Download(e.to_string()))?;
    let mut response = client.get(url).send().await.map_err(request_error)?;
    if !response.status().is_success() {
        return Err(ImportError::Download(format!("the server answered HTTP {}", response.status().as_u16())));
    }
    if let Some(size) = response.content_length().and_then(|n| usize::try_from(n).ok())
        && size > MAX_PAGE_BYTES
    {
        return Err(ImportError::too_large(size, MAX_PAGE_BYTES));
    }
    let final_url = response.url().clone();
    let content_type =
        response.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(request_error)? {
        if bytes.len() + chunk.len() > MAX_PAGE_BYTES {
            return Err(ImportError::too_large(bytes.len() + chunk.len(), MAX_PAGE_BYTES));
        }
        bytes.extend_from_slice(&chunk);
    }
    let name = final_url.path_segments().and_then(|mut s| s.next_back()).unwrap_or_default().to_string();
    Ok(Fetched { bytes, content_type, url: final_url.to_string(), name })
}

/// A refusal found in a request error's chain, or the error as a failed download.
fn request_error(e: reqwest::Error) -> ImportError {
    let mut source: Option<&dyn std::error::Error> = Some(&e);
    while let Some(err) = source {
        if let Some(r) = err.downcast_ref::<Refusal>() {
            return ImportError::Refused(r.0.clone());
        }
        source = err.source();
    }
    if e.is_timeout() {
        return ImportError::Download(format!("no complete answer within {} s", FETCH_TIMEOUT.as_secs()));
    }
    // Without the URL: the admin knows it, and the log line stays short.
    ImportError::Download(e.without_url().to_string())
}

/// The scheme, and the host when it is a literal address (which skips the resolver).
fn check_url(url: &url::Url, policy: FetchPolicy) -> Result<(), Refusal> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Refusal("only http and https addresses can be imported".into()));
    }
    let ip = match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
        Some(url::Host::Domain(_)) => return Ok(()),
        None => return Err(Refusal("the address has no host".into())),
    };
    check_ip(ip, policy)
}

fn check_ip(ip: IpAddr, policy: FetchPolicy) -> Result<(), Refusal> {
    if is_public(ip) || (policy.allow_loopback && ip.is_loopback()) {
        Ok(())
    } else {
        Err(Refusal(format!("{ip} is not a public address")))
    }
}

/// Whether `ip` is on the public internet: not private, loopback, link-local, shared (CGNAT),
/// multicast, documentation, benchmarking or reserved. IPv6 forms of IPv4 addresses are
/// judged by the IPv4 address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let s = v6.segments();
            let v4 = |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
            if v6.is_unspecified() || v6.is_loopback() {
                return false;
            }
            // Forms that carry an IPv4 address are judged by it: IPv4-compatible ::a.b.c.d,
            // NAT64 64:ff9b::/96 (last 32 bits) and 6to4 2002::/16 (bits 16-48).
            if s[..6] == [0; 6] || s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                return is_public_v4(v4(s[6], s[7]));
            }
            if s[0] == 0x2002 {
                return is_public_v4(v4(s[1], s[2]));
            }
            let unique_local = (s[0] & 0xfe00) == 0xfc00; // fc00::/7
            let link_local = (s[0] & 0xffc0) == 0xfe80; // fe80::/10
            let site_local = (s[0] & 0xffc0) == 0xfec0; // fec0::/10, deprecated but routed inside
            let documentation = s[0] == 0x2001 && s[1] == 0x0db8;
            let teredo = s[0] == 0x2001 && s[1] == 0; // tunnels to any IPv4 address
            let local_nat64 = s[..3] == [0x64, 0xff9b, 1]; // 64:ff9b:1::/48
            let discard = s[..4] == [0x100, 0, 0, 0]; // 100::/64
            !(v6.is_multicast()
                || unique_local
                || link_local
                || site_local
                || documentation
                || teredo
                || local_nat64
                || discard)
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space 100.64.0.0/10
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240) // reserved
}

/// Resolves names with the system resolver and keeps only the addresses `policy` allows; a
/// name with none left is refused.
struct GuardedResolver {
    policy: FetchPolicy,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = found.iter().copied().filter(|a| check_ip(a.ip(), policy).is_ok()).collect();
            if allowed.is_empty() {
                let refused = found.first().map_or_else(
                    || format!("{host} has no address"),
                    |a| format!("{host} resolves to {}, not a public address", a.ip()),
                );
                return Err(Box::new(Refusal(refused)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "::127.0.0.1",
            "::10.0.0.1",
            "2002:a00:1::",
            "2002:7f00:1::",
            "2001:0:4136:e378::1",
            "fec0::1",
            "64:ff9b:1::a00:1",
        ] {
            assert!(!is_public(ip.parse().expect("an address")), "{ip}");
        }
        for ip in ["103.10.20.30", "8.8.8.8", "2001:4860:4860::8888", "2002:0808:0808::1"] {
            assert!(is_public(ip.parse().expect("an address")), "{ip}");
        }
    }

    #[test]
    fn only_web_addresses_to_public_hosts_pass() {
        let check = |u: &str, loopback| {
            check_url(&url::Url::parse(u).expect("a URL"), FetchPolicy { allow_loopback: loopback })
        };
        assert!(check("https://kemenkopukm.go.id/berita", false).is_ok());
        assert!(check("file:///etc/passwd", false).is_err());
        assert!(check("ftp://example.org/x", false).is_err());
        assert!(check("http://127.0.0.1:8080/", false).is_err());
        assert!(check("http://127.0.0.1:8080/", true).is_ok());
        assert!(check("http://[::ffff:192.168.0.1]/", true).is_err());
        assert!(check("http://169.254.169.254/latest/meta-data", true).is_err());
    }
}
