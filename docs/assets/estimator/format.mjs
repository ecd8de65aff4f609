// Display formatting only. Amounts arrive from the estimator as exact decimal strings
// ("9.63", "1250", "1.250"); Intl.NumberFormat formats a numeric *string* without turning it
// into a float first, and we ask for exactly the decimals the string has, so what the reader
// sees is the estimator's figure. No arithmetic on amounts happens in JavaScript.

/** @typedef {{format(amount: string): string}} AmountFormat */

/** @type {Map<string, AmountFormat>} */
const numberFormats = new Map();

function decimalsOf(/** @type {string} */ amount) {
  const dot = amount.indexOf(".");
  return dot === -1 ? 0 : amount.length - dot - 1;
}

/**
 * "9.63", "USD" -> "$9.63" (in the reader's locale).
 * @param {string} amount @param {string} currency
 */
export function formatAmount(amount, currency) {
  const decimals = decimalsOf(amount);
  const key = `${currency}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    try {
      // Intl formats a numeric string as it is (lib.es2023 types it as `${number}`).
      format = /** @type {AmountFormat} */ (
        new Intl.NumberFormat(undefined, {
          style: "currency",
          currency,
          minimumFractionDigits: decimals,
          maximumFractionDigits: decimals,
        })
      );
    } catch {
      format = { format: (value) => `${currency} ${value}` };
    }
    numberFormats.set(key, format);
  }
  return format.format(amount);
}

// ISO dates are calendar days, not instants: format them in UTC so no time zone shifts the day.
// Made on first use: the first Intl object of a page costs tens of milliseconds (locale data),
// which must not lengthen the task that loads the widget.
/** @type {Intl.DateTimeFormat | null} */
let dateFormat = null;

/** "2026-11-20" -> "Fri, Nov 20, 2026" (in the reader's locale). */
export function formatDate(/** @type {string} */ iso) {
  dateFormat ??= new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  const [year, month, day] = iso.split("-").map(Number);
  return dateFormat.format(new Date(Date.UTC(year, month - 1, day)));
}

/** The reader's local date as YYYY-MM-DD: the estimator's "today". */
export function todayIso(now = new Date()) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "USD" -> "USD · US dollar" for the currency list, when the browser knows the name. */
/** @type {Intl.DisplayNames | null} */
let currencyNames = null;
export function currencyLabel(/** @type {string} */ code) {
  try {
    currencyNames = currencyNames || new Intl.DisplayNames(undefined, { type: "currency" });
    const name = currencyNames.of(code);
    return name && name !== code ? `${code} · ${name}` : code;
  } catch {
    return code;
  }
}

/**
 * Load the browser's locale data soon, in tasks of their own: the first Intl objects of a page
 * cost 20 to 60 ms together, which the form (currency names) and the results (amounts, dates)
 * would otherwise pay inside their own work, and one task for all of them would be a long one.
 */
let prepared = false;
export function prepareFormats() {
  if (prepared) return;
  prepared = true;
  const steps = [
    () => currencyLabel("USD"),
    () => formatAmount("1.00", "USD"),
    () => formatDate("2026-01-01"),
  ];
  const next = () => {
    steps.shift()?.(); // never undefined: `next` runs only while steps are left
    if (steps.length) setTimeout(next);
  };
  setTimeout(next);
}
