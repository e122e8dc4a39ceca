import type { Catalogue } from './catalogue';

/** Options of `vanthu sign`, `sign-file` and `verify` that only make sense together. */
export const SIGNING_CLI_MESSAGES = {
  'signingCli.tsaTimeoutNeedsTsa': { vi: '--tsa-timeout chỉ dùng cùng --tsa <url>', en: '--tsa-timeout needs --tsa <url>' },
  'signingCli.pageNeedsRect': {
    vi: '--page chỉ dùng cùng --rect <x,y,rộng,cao>: trang là trang đặt vùng chữ ký',
    en: '--page needs --rect <x,y,width,height>: it is the page of the signature box',
  },
} as const satisfies Catalogue;
