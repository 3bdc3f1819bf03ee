// Where the Lync Server / Skype for Business Server module lives when auto-loading does not find it.

/** Where Lync Server 2013 and Skype for Business Server 2015 and 2019 install their module, under Common Files. */
export const LYNC_MODULE_PATHS: readonly string[] = [
  'Skype for Business Server 2019\\Modules\\SkypeForBusiness\\SkypeForBusiness.psd1',
  'Skype for Business Server 2015\\Modules\\SkypeForBusiness\\SkypeForBusiness.psd1',
  'Microsoft Lync Server 2013\\Modules\\Lync\\Lync.psd1',
];
