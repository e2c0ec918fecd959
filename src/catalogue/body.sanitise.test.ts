import { describe, expect, it } from 'vitest';
import { renderBody, renderMarkdownLite } from './body.render.js';
import { sanitiseHtml } from './body.sanitise.js';

describe('HTML sanitiser', () => {
  it.each([
    ['<p>正文<script>alert(1)</script></p>', '<p>正文</p>'],
    ['<img src=x onerror=alert(1)>', '<img src="x">'],
    ['<a href="javascript:alert(1)">点我</a>', '<a>点我</a>'],
    ['<a href=" JaVaScRiPt:alert(1)">点我</a>', '<a>点我</a>'],
    ['<a href="jav&#x09;ascript:alert(1)">点我</a>', '<a>点我</a>'],
    ['<a href="java\nscript:alert(1)">点我</a>', '<a>点我</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a>x</a>'],
    ['<a href="//evil.example/">x</a>', '<a>x</a>'],
    ['<p onclick="alert(1)" style="color:red" class="x">文字</p>', '<p>文字</p>'],
    ['<svg><script>alert(1)</script></svg>后文', '后文'],
    ['<style>p{background:url(javascript:alert(1))}</style><p>段落</p>', '<p>段落</p>'],
    ['<iframe src="https://evil.example"></iframe><p>x</p>', '<p>x</p>'],
    ['<<script>script>alert(1)<</script>/script>', '&lt;/script&gt;'],
    ['<!--><script>alert(1)</script>--><p>ok</p>', '<p>ok</p>'],
    ['<p>未闭合<strong>加粗', '<p>未闭合<strong>加粗</strong></p>'],
    ['<td>孤立单元格</td>', '孤立单元格'],
    ['<p title="&quot;><script>">x</p>', '<p>x</p>'],
    ['<form action="/x"><input name=a><button>提交</button></form>', '提交'],
    ['<object data="x.swf"></object><embed src="x.swf">文字', '文字'],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>y', 'y'],
  ])('%s → %s', (input, expected) => {
    expect(sanitiseHtml(input)).toBe(expected);
  });

  it('keeps tables with header scope and spans', () => {
    const out = sanitiseHtml(
      '<table border=1 style="x"><caption>预算表</caption><thead><tr><th scope="col" onclick="x">项目</th><th scope="evil">金额</th></tr></thead><tbody><tr><td colspan="2" rowspan="abc">合计</td></tr></tbody></table>',
    );
    expect(out).toBe(
      '<table><caption>预算表</caption><thead><tr><th scope="col">项目</th><th>金额</th></tr></thead><tbody><tr><td colspan="2">合计</td></tr></tbody></table>',
    );
  });

  it('keeps safe links and marks external ones noopener', () => {
    expect(sanitiseHtml('<a href="https://www.gov.cn/a?b=1&amp;c=2" target="_blank">国务院</a>')).toBe(
      '<a href="https://www.gov.cn/a?b=1&amp;c=2" rel="noopener noreferrer">国务院</a>',
    );
    expect(sanitiseHtml('<a href="/items/1">内部</a>')).toBe('<a href="/items/1">内部</a>');
  });

  it('cleans HTML pasted from Word', () => {
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{mso-style-parent:"";}</style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>
<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-ascii-font-family:"Times New Roman"'>为进一步做好政务公开工作<span lang=EN-US>2017</span>年要点如下。<o:p></o:p></span></p>
<p class=MsoListParagraph><![if !supportLists]><span lang=EN-US>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><b><span style='font-family:黑体'>加强组织领导</span></b><o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal><font face="宋体" color=red>附件：名单</font></p>
</div></body></html>`;
    const out = sanitiseHtml(word);
    expect(out).not.toMatch(
      /mso-|class=|style=|<span|<font|o:p|<xml|WordDocument|<html|<body|<head|Generator/,
    );
    expect(out).toContain('<p>为进一步做好政务公开工作2017年要点如下。</p>');
    expect(out).toContain('<strong>加强组织领导</strong>');
    expect(out).toContain('<p>附件：名单</p>');
    expect(out).not.toMatch(/<p>(\s|\u00a0)*<\/p>/);
  });
});

describe('Markdown-lite', () => {
  it('turns lines into paragraphs, with headings, lists, tables and links', () => {
    const out = renderMarkdownLite(
      '# 一、总体要求\n第一段。\n第二段**重点**。\n- 甲\n- 乙\n1. 一\n2. 二\n| 项目 | 金额 |\n|---|---|\n| 教育 | 100 |\n[国务院](https://www.gov.cn)\n[坏链接](javascript:alert(1))',
    );
    expect(out).toContain('<h2>一、总体要求</h2>');
    expect(out).toContain('<p>第二段<strong>重点</strong>。</p>');
    expect(out).toContain('<ul><li>甲</li><li>乙</li></ul>');
    expect(out).toContain('<ol><li>一</li><li>二</li></ol>');
    expect(out).toContain('<thead><tr><th scope="col">项目</th><th scope="col">金额</th></tr></thead>');
    expect(out).toContain('<td>教育</td><td>100</td>');
    expect(out).toContain('<a href="https://www.gov.cn" rel="noopener noreferrer">国务院</a>');
    expect(out).toContain('<p>坏链接');
    expect(out).not.toContain('javascript');
  });

  it('escapes HTML typed into Markdown-lite text', () => {
    expect(renderBody('1 < 2 & "引号"')).toBe('<p>1 &lt; 2 &amp; &quot;引号&quot;</p>');
    expect(renderBody('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
});
