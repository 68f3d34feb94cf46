//! Operations that answer page by page, and a reader of all their pages.
//!
//! A spec's `pagination:` says which request field moves through the pages
//! (an offset, a page number or a cursor), which response field holds the
//! page's items, and where the vendor gives the total. Generated code
//! implements [`Paged`] from it; [`Pages`] sends one request per page,
//! each made from the last by [`Paged::next_page`].

use crate::{Client, Error, Operation};

/// A request whose answer is one page of a longer list. Implemented by
/// generated code for operations with `pagination:`.
pub trait Paged: Operation + Clone {
    /// One element of a page.
    type Item;

    /// The request for the page after `response`, whose items follow
    /// `seen_before` items read from earlier pages; `None` where
    /// `response` was the last page.
    fn next_page(&self, response: &Self::Response, seen_before: u64) -> Option<Self>;

    /// The page's items, taken out of the response.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
}

/// Whether a page that brought `got` items, `seen` in all so far, may be
/// followed by another: not after an empty page; with a total, until it is
/// reached; without one, while pages come full (`limit` items).
pub fn more(got: u64, seen: u64, total: Option<u64>, limit: Option<u64>) -> bool {
    if got == 0 {
        return false;
    }
    match (total, limit) {
        (Some(total), _) => seen < total,
        (None, Some(limit)) => got >= limit,
        (None, None) => true,
    }
}

/// An integer request or response field that paging reads and writes:
/// an offset, a page number, a page size, a total.
pub trait PageNumber {
    /// The value, where there is one.
    fn get(&self) -> Option<u64>;
    /// Sets the value (saturating at the type's maximum).
    fn set(&mut self, value: u64);
}

macro_rules! page_number {
    ($($t:ty),*) => {$(
        impl PageNumber for $t {
            fn get(&self) -> Option<u64> {
                u64::try_from(*self).ok()
            }
            fn set(&mut self, value: u64) {
                *self = <$t>::try_from(value).unwrap_or(<$t>::MAX);
            }
        }
    )*};
}

page_number!(u8, u16, u32, u64, i8, i16, i32, i64);

impl<T: PageNumber + Default> PageNumber for Option<T> {
    fn get(&self) -> Option<u64> {
        self.as_ref().and_then(T::get)
    }
    fn set(&mut self, value: u64) {
        self.get_or_insert_with(T::default).set(value);
    }
}

/// A text request or response field that paging reads and writes: a
/// cursor. An empty text is no cursor.
pub trait PageCursor {
    fn get(&self) -> Option<&str>;
    fn set(&mut self, value: &str);
}

impl PageCursor for String {
    fn get(&self) -> Option<&str> {
        (!self.is_empty()).then_some(self.as_str())
    }
    fn set(&mut self, value: &str) {
        value.clone_into(self);
    }
}

impl PageCursor for Option<String> {
    fn get(&self) -> Option<&str> {
        self.as_deref().filter(|s| !s.is_empty())
    }
    fn set(&mut self, value: &str) {
        *self = Some(value.to_owned());
    }
}

/// The items field of a page: a list, or an optional one (absent on an
/// empty page).
pub trait PageItems<T> {
    fn count(&self) -> usize;
    fn take(self) -> Vec<T>;
}

impl<T> PageItems<T> for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }
    fn take(self) -> Vec<T> {
        self
    }
}

impl<T> PageItems<T> for Option<Vec<T>> {
    fn count(&self) -> usize {
        self.as_ref().map_or(0, Vec::len)
    }
    fn take(self) -> Vec<T> {
        self.unwrap_or_default()
    }
}

/// Reads a paged operation page by page: [`next`](Pages::next) sends one
/// request and returns its items, [`all`](Pages::all) reads every page.
/// Each page is one ordinary call (retries and errors as for any call);
/// after an error, the next call of `next` sends the failed page again.
pub struct Pages<'c, O> {
    client: &'c Client,
    next: Option<O>,
    seen: u64,
}

impl<'c, O: Paged> Pages<'c, O> {
    /// Pages from `first` on.
    pub fn new(client: &'c Client, first: O) -> Self {
        Pages {
            client,
            next: Some(first),
            seen: 0,
        }
    }

    /// The items of the next page; `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<Vec<O::Item>, Error<O::Error>>> {
        let request = self.next.take()?;
        match self.client.call(&request).await {
            Ok(response) => {
                self.next = request.next_page(&response, self.seen);
                let items = O::into_items(response);
                self.seen += items.len() as u64;
                Some(Ok(items))
            }
            Err(e) => {
                self.next = Some(request);
                Some(Err(e))
            }
        }
    }

    /// Every item of every page from here on, in order.
    pub async fn all(mut self) -> Result<Vec<O::Item>, Error<O::Error>> {
        let mut out = Vec::new();
        while let Some(page) = self.next().await {
            out.extend(page?);
        }
        Ok(out)
    }

    /// Items read so far.
    pub fn seen(&self) -> u64 {
        self.seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_pages_follow_until_the_total_an_empty_page_or_a_short_one() {
        assert!(!more(0, 40, None, None), "an empty page is the last");
        assert!(more(10, 10, Some(23), Some(10)));
        assert!(!more(3, 23, Some(23), Some(10)), "the total is reached");
        assert!(more(10, 20, None, Some(10)), "a full page");
        assert!(!more(7, 27, None, Some(10)), "a short page is the last");
        assert!(
            more(7, 7, None, None),
            "no total, no size: read until empty"
        );
    }

    #[test]
    fn numbers_and_cursors_read_and_write_through_options() {
        let mut offset: Option<u32> = None;
        assert_eq!(PageNumber::get(&offset), None);
        offset.set(20);
        assert_eq!(offset, Some(20));
        let mut small: u8 = 0;
        small.set(1000);
        assert_eq!(small, u8::MAX, "saturates");
        let mut cursor: Option<String> = Some(String::new());
        assert_eq!(PageCursor::get(&cursor), None, "an empty cursor is none");
        cursor.set("abc");
        assert_eq!(PageCursor::get(&cursor), Some("abc"));
    }
}
