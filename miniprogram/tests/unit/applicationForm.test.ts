import { describe, expect, it } from 'vitest'

import {
  checkField, checkForm, cleanText, emptyValue, fileSizeText, type FormField, formChanges, initialValues, isBlank,
  localDay, maskedFields, missingUploads, parseDefinition, parseNumber, pickedFileProblem, resolveBound,
  serverFieldMessage, serverProblems, toAnswer, valueFromAnswer,
} from '../../src/utils/applicationForm'

// The example of docs/catalog.md#application-forms, plus one field of every other type.
const DEFINITION = [
  { name: 'applicant_phone', label: '联系电话', type: 'phone', required: true },
  {
    name: 'reason', label: '申领原因', type: 'select', required: true,
    options: [{ value: 'first', label: '首次申领' }, { value: 'lost', label: '遗失补领' }],
  },
  { name: 'pickup_date', label: '预计领取日期', type: 'date', not_before: 'today', help: '选择办结后到大厅领取的日期' },
  { name: 'promise', label: '本人承诺所填信息真实有效', type: 'checkbox', required: true },
  { name: 'note', label: '备注', type: 'text', max_length: 10, multiline: true },
  { name: 'title', label: '标题', type: 'text' },
  { name: 'people', label: '人数', type: 'number', min: 1, max: 9, integer: true },
  { name: 'area', label: '面积', type: 'number' },
  { name: 'id_number', label: '身份证号', type: 'id_number', required: true },
  { name: 'home', label: '住址', type: 'address' },
  {
    name: 'needs', label: '需要', type: 'select', multiple: true,
    options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }],
  },
]

const FIELDS = parseDefinition(DEFINITION)
const TODAY = '2026-12-04'
const DRAFT = { today: TODAY, partial: true }
const SUBMIT = { today: TODAY, partial: false }

function field (name: string): FormField {
  const found = FIELDS.find((f) => f.name === name)
  if (!found) throw new Error(name)
  return found
}

describe('parseDefinition', () => {
  it('reads every field with the server defaults for options left out', () => {
    expect(FIELDS.map((f) => f.name)).toEqual(DEFINITION.map((d) => d.name))
    expect(field('title')).toMatchObject({ type: 'text', required: false, maxLength: 200, multiline: false, help: '' })
    expect(field('note')).toMatchObject({ maxLength: 10, multiline: true })
    expect(field('people')).toMatchObject({ min: 1, max: 9, integer: true })
    expect(field('area')).toMatchObject({ min: null, max: null, integer: false })
    expect(field('pickup_date')).toMatchObject({ notBefore: 'today', notAfter: null, help: '选择办结后到大厅领取的日期' })
    expect(field('reason').options).toEqual([{ value: 'first', label: '首次申领' }, { value: 'lost', label: '遗失补领' }])
    expect(field('needs').multiple).toBe(true)
  })

  it('leaves out what it cannot show instead of breaking the page', () => {
    expect(parseDefinition(null)).toEqual([])
    expect(parseDefinition({ name: 'x' })).toEqual([])
    const fields = parseDefinition([
      { name: 'ok', label: '好', type: 'text' },
      { name: 'bad_type', label: '?', type: 'signature' },
      { label: 'no name', type: 'text' },
      'not an object',
      { name: 'ok', label: 'duplicate', type: 'text' },
      { name: 'pick', label: '选', type: 'select', options: [{ value: 'v', label: 'V' }, { value: 1, label: 'bad' }] },
    ])
    expect(fields.map((f) => f.name)).toEqual(['ok', 'pick'])
    expect(fields[1].options).toEqual([{ value: 'v', label: 'V' }])
  })

  it('uses the name when the label is missing', () => {
    expect(parseDefinition([{ name: 'x', type: 'text' }])[0].label).toBe('x')
  })
})

describe('values', () => {
  it('starts every field empty in the shape its input needs', () => {
    const values = initialValues(FIELDS)
    expect(values.title).toBe('')
    expect(values.promise).toBe(false)
    expect(values.needs).toEqual([])
    expect(values.home).toEqual({ region: '', detail: '' })
    expect(emptyValue(field('people'))).toBe('')
  })

  it('shows saved answers in their inputs', () => {
    const values = initialValues(FIELDS, {
      people: 3, promise: true, needs: ['b'], home: { region: '330106', detail: '文三路 1 号' }, reason: 'lost',
    })
    expect(values.people).toBe('3')
    expect(values.promise).toBe(true)
    expect(values.needs).toEqual(['b'])
    expect(values.home).toEqual({ region: '330106', detail: '文三路 1 号' })
    expect(values.reason).toBe('lost')
    expect(valueFromAnswer(field('home'), 'garbage')).toEqual({ region: '', detail: '' })
    expect(valueFromAnswer(field('needs'), 'a')).toEqual([])
  })

  it('knows which saved answers are masked', () => {
    const masked = maskedFields(FIELDS, { applicant_phone: '138****8000', id_number: '110***********4514', title: 'a*b' })
    expect([...masked].sort()).toEqual(['applicant_phone', 'id_number'])
  })
})

describe('cleaning', () => {
  it('makes full-width and no-break spaces plain and trims', () => {
    expect(cleanText('\u3000张\u3000三\u00A0 ')).toBe('张 三')
    expect(cleanText('a\r\nb\rc')).toBe('a\nb\nc')
  })

  it('reads numbers as typed', () => {
    expect(parseNumber('42')).toBe(42)
    expect(parseNumber(' -3.5 ')).toBe(-3.5)
    expect(parseNumber('１２')).toBe(12)
    expect(parseNumber('1,200')).toBe(1200)
    expect(parseNumber('.5')).toBe(0.5)
    expect(parseNumber('3.')).toBe(3)
    expect(parseNumber('')).toBeNull()
    expect(parseNumber('1e3')).toBeNull()
    expect(parseNumber('12元')).toBeNull()
    expect(parseNumber('-')).toBeNull()
  })

  it('gives today on this device and resolves date bounds', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05')
    expect(resolveBound('today', TODAY)).toBe(TODAY)
    expect(resolveBound('2026-02-30', TODAY)).toBeNull()
    expect(resolveBound(null, TODAY)).toBeNull()
    expect(resolveBound('2027-01-01', TODAY)).toBe('2027-01-01')
  })

  it('says when a value is blank the way the server does', () => {
    expect(isBlank(field('title'), '   ')).toBe(true)
    expect(isBlank(field('title'), '\u3000')).toBe(true)
    expect(isBlank(field('needs'), [])).toBe(true)
    expect(isBlank(field('home'), { region: '', detail: ' ' })).toBe(true)
    expect(isBlank(field('home'), { region: '330106', detail: '' })).toBe(false)
    expect(isBlank(field('promise'), false)).toBe(false)
  })
})

describe('checkField', () => {
  it('lets a draft leave required fields empty, but not a submission', () => {
    expect(checkField(field('applicant_phone'), '', DRAFT)).toBe('')
    expect(checkField(field('applicant_phone'), '', SUBMIT)).toBe('此项必填')
    expect(checkField(field('reason'), '', SUBMIT)).toBe('请选择')
    expect(checkField(field('promise'), false, SUBMIT)).toBe('请勾选后继续')
    expect(checkField(field('promise'), false, DRAFT)).toBe('')
    expect(checkField(field('promise'), true, SUBMIT)).toBe('')
    expect(checkField(field('pickup_date'), '', SUBMIT)).toBe('') // optional
    expect(checkField(field('title'), '  ', SUBMIT)).toBe('')
  })

  it('checks what is given even in a draft', () => {
    expect(checkField(field('applicant_phone'), '1380013', DRAFT)).toBe('请输入 11 位手机号')
    expect(checkField(field('applicant_phone'), '12800138000', DRAFT)).toBe('手机号格式不正确，请检查')
    expect(checkField(field('applicant_phone'), '13800138000', DRAFT)).toBe('')
  })

  it('checks text length in characters and printable characters', () => {
    expect(checkField(field('note'), '一二三四五六七八九十', DRAFT)).toBe('')
    expect(checkField(field('note'), '一二三四五六七八九十一', DRAFT)).toBe('不能超过 10 个字（现在 11 个）')
    expect(checkField(field('note'), '😀😀😀😀😀😀😀😀😀😀', DRAFT)).toBe('') // 10 characters, 20 UTF-16 units
    expect(checkField(field('note'), '第一行\n第二行', DRAFT)).toBe('')
    expect(checkField(field('title'), '第一行\n第二行', DRAFT)).toBe('不能换行')
    expect(checkField(field('title'), '零宽\u200b字符', DRAFT)).toBe('含有无法识别的特殊字符，请删除后再试')
    expect(checkField(field('title'), 'tab\there', DRAFT)).toBe('含有无法识别的特殊字符，请删除后再试')
    expect(checkField(field('title'), '全角\u3000空格', DRAFT)).toBe('') // cleaned to a plain space before sending
  })

  it('checks numbers, whole numbers and bounds', () => {
    expect(checkField(field('people'), '3', DRAFT)).toBe('')
    expect(checkField(field('people'), '3.0', DRAFT)).toBe('')
    expect(checkField(field('people'), '2.5', DRAFT)).toBe('请输入整数')
    expect(checkField(field('people'), '0', DRAFT)).toBe('请输入 1 到 9 之间的整数')
    expect(checkField(field('people'), '10', DRAFT)).toBe('请输入 1 到 9 之间的整数')
    expect(checkField(field('people'), 'abc', DRAFT)).toBe('请输入数字')
    expect(checkField(field('area'), '-12.75', DRAFT)).toBe('')
    expect(checkField(field('area'), '9999999999999999', DRAFT)).toBe('数字太大，最多 15 位')
    const atLeast = parseDefinition([{ name: 'n', label: 'n', type: 'number', min: 18 }])[0]
    expect(checkField(atLeast, '17', DRAFT)).toBe('不能小于 18')
    const atMost = parseDefinition([{ name: 'n', label: 'n', type: 'number', max: 5 }])[0]
    expect(checkField(atMost, '6', DRAFT)).toBe('不能大于 5')
  })

  it('checks dates and their bounds, today included', () => {
    expect(checkField(field('pickup_date'), TODAY, DRAFT)).toBe('')
    expect(checkField(field('pickup_date'), '2026-12-03', DRAFT)).toBe('不能早于今天')
    expect(checkField(field('pickup_date'), '2026-02-30', DRAFT)).toBe('请选择正确的日期')
    const window = parseDefinition([{ name: 'd', label: 'd', type: 'date', not_before: '2026-01-01', not_after: '2026-06-30' }])[0]
    expect(checkField(window, '2026-07-01', DRAFT)).toBe('请选择 2026-01-01 到 2026-06-30 之间的日期')
    const until = parseDefinition([{ name: 'd', label: 'd', type: 'date', not_after: 'today' }])[0]
    expect(checkField(until, '2026-12-05', DRAFT)).toBe('不能晚于今天')
    expect(checkField(until, '1990-01-01', DRAFT)).toBe('')
    const after = parseDefinition([{ name: 'd', label: 'd', type: 'date', not_before: '2027-01-01' }])[0]
    expect(checkField(after, '2026-12-31', DRAFT)).toBe('不能早于 2027-01-01')
  })

  it('checks choices against the options', () => {
    expect(checkField(field('reason'), 'lost', DRAFT)).toBe('')
    expect(checkField(field('reason'), 'other', DRAFT)).toBe('请从选项中选择')
    expect(checkField(field('needs'), ['a', 'b'], DRAFT)).toBe('')
    expect(checkField(field('needs'), ['a', 'a'], DRAFT)).toBe('请从选项中选择')
    expect(checkField(field('needs'), ['c'], DRAFT)).toBe('请从选项中选择')
  })

  it('checks ID numbers: format, province, birth date, check character', () => {
    expect(checkField(field('id_number'), '11010519491231002X', DRAFT)).toBe('')
    expect(checkField(field('id_number'), '1101051949', DRAFT)).toBe('请输入 18 位身份证号码')
    expect(checkField(field('id_number'), '99010519491231002X', DRAFT)).toBe('身份证号码前两位不是有效的省份代码')
    expect(checkField(field('id_number'), '110105194913310023', DRAFT)).toBe('身份证号码中的出生日期不正确')
    expect(checkField(field('id_number'), '110105194912310021', DRAFT)).toBe('身份证号码校验位不正确，请核对')
    // Born after the day the form counts as today.
    expect(checkField(field('id_number'), '110105202612310010', DRAFT)).not.toBe('')
  })

  it('accepts a masked phone or ID number left as it was', () => {
    expect(checkField(field('applicant_phone'), '138****8000', SUBMIT, true)).toBe('')
    expect(checkField(field('id_number'), '110***********4514', SUBMIT, true)).toBe('')
    expect(checkField(field('applicant_phone'), '138****8000', SUBMIT)).not.toBe('')
  })

  it('checks addresses: the detail is needed once anything is given', () => {
    expect(checkField(field('home'), { region: '', detail: '文三路 1 号' }, DRAFT)).toBe('')
    expect(checkField(field('home'), { region: '330106', detail: '' }, DRAFT)).toBe('请填写详细地址')
    expect(checkField(field('home'), { region: '33010', detail: '文三路' }, DRAFT)).toBe('所在区域代码不正确')
    expect(checkField(field('home'), { region: '330106001', detail: '文三路' }, DRAFT)).toBe('')
    expect(checkField(field('home'), { region: '', detail: '路'.repeat(201) }, DRAFT)).toBe('详细地址不能超过 200 个字')
    expect(checkField(field('home'), { region: '', detail: '' }, SUBMIT)).toBe('') // optional
  })
})

describe('checkForm', () => {
  it('names every field with a problem, and only those', () => {
    const values = initialValues(FIELDS)
    values.applicant_phone = '138'
    values.people = '0'
    expect(checkForm(FIELDS, values, DRAFT)).toEqual({
      applicant_phone: '请输入 11 位手机号',
      people: '请输入 1 到 9 之间的整数',
    })
    expect(Object.keys(checkForm(FIELDS, values, SUBMIT)).sort()).toEqual(
      ['applicant_phone', 'id_number', 'people', 'promise', 'reason'],
    )
  })

  it('passes a complete form, masked answers included', () => {
    const values = initialValues(FIELDS, {
      applicant_phone: '138****8000', id_number: '110***********4514', reason: 'first', promise: true,
    })
    const masked = maskedFields(FIELDS, { applicant_phone: '138****8000', id_number: '110***********4514' })
    expect(checkForm(FIELDS, values, SUBMIT, masked)).toEqual({})
  })
})

describe('answers', () => {
  it('sends each type the way the API takes it', () => {
    expect(toAnswer(field('people'), '3.0')).toBe(3)
    expect(toAnswer(field('area'), '1,200.5')).toBe(1200.5)
    expect(toAnswer(field('title'), '\u3000你好\u3000')).toBe('你好')
    expect(toAnswer(field('id_number'), '11010519491231002x')).toBe('11010519491231002X')
    expect(toAnswer(field('home'), { region: '', detail: ' 文三路 ' })).toEqual({ detail: '文三路' })
    expect(toAnswer(field('home'), { region: '330106', detail: '文三路' })).toEqual({ region: '330106', detail: '文三路' })
    expect(toAnswer(field('needs'), ['a'])).toEqual(['a'])
    expect(toAnswer(field('promise'), false)).toBe(false)
    expect(toAnswer(field('title'), ' ')).toBeNull()
    expect(toAnswer(field('needs'), [])).toBeNull()
  })

  it('sends every answer of a new draft, and nothing for empty fields', () => {
    const values = initialValues(FIELDS)
    values.applicant_phone = '13800138000'
    values.reason = 'first'
    values.promise = true
    values.people = '2'
    expect(formChanges(FIELDS, values, {})).toEqual({
      applicant_phone: '13800138000', reason: 'first', promise: true, people: 2,
    })
    expect(formChanges(FIELDS, initialValues(FIELDS), {})).toEqual({})
  })

  it('sends only what changed since the last save, and null for an emptied field', () => {
    const saved = { reason: 'first', people: 2, title: '旧标题', home: { detail: '文三路' }, needs: ['a'], promise: true }
    const values = initialValues(FIELDS, saved)
    expect(formChanges(FIELDS, values, saved)).toEqual({})
    values.title = ''
    values.people = '3'
    values.needs = ['a', 'b']
    values.promise = false
    values.home = { region: '', detail: '文三路 ' } // the same once trimmed
    expect(formChanges(FIELDS, values, saved)).toEqual({ title: null, people: 3, needs: ['a', 'b'], promise: false })
  })

  it('never sends a masked answer left as it was, but does send a new one', () => {
    const saved = { applicant_phone: '138****8000' }
    const masked = maskedFields(FIELDS, saved)
    const values = initialValues(FIELDS, saved)
    expect(formChanges(FIELDS, values, saved, masked)).toEqual({})
    // Whatever the input holds while masked (a stale mask after a reload) is never sent as an answer.
    expect(formChanges(FIELDS, { ...values, applicant_phone: '139****0000' }, saved, masked)).toEqual({})
    values.applicant_phone = '13900139000'
    expect(formChanges(FIELDS, values, saved, new Set())).toEqual({ applicant_phone: '13900139000' })
    values.applicant_phone = ''
    expect(formChanges(FIELDS, values, saved, new Set())).toEqual({ applicant_phone: null })
  })
})

describe('materials', () => {
  it('lists the required upload lines without a file', () => {
    expect(missingUploads([
      { name: '居民身份证', required: true, upload: true, files: 0 },
      { name: '照片', required: true, upload: true, files: 2 },
      { name: '户口簿', required: false, upload: true, files: 0 },
      { name: '原件', required: true, upload: false, files: 0 },
    ])).toEqual(['居民身份证'])
  })

  it('refuses files the server would refuse, before sending them', () => {
    expect(pickedFileProblem({ size: 1000, name: 'id.jpg' })).toBe('')
    expect(pickedFileProblem({ size: 1000, name: 'scan.PDF', type: 'application/pdf' })).toBe('')
    expect(pickedFileProblem({ size: 1000 })).toBe('') // a mini-program photo: no name, no type
    expect(pickedFileProblem({ size: 1000, name: 'tmp_abc' })).toBe('')
    expect(pickedFileProblem({ size: 0, name: 'a.png' })).toBe('这个文件是空的，请重新选择')
    expect(pickedFileProblem({ size: 9 * 1024 * 1024, name: 'a.png' })).toBe('文件超过 8 MB，请压缩或拍得小一些再上传')
    expect(pickedFileProblem({ size: 1000, name: 'a.docx', type: 'application/msword' })).toBe('只能上传 JPG、PNG 照片或 PDF 文件')
    expect(pickedFileProblem({ size: 1000, name: 'a.heic' })).toBe('只能上传 JPG、PNG 照片或 PDF 文件')
  })

  it('says file sizes in plain units', () => {
    expect(fileSizeText(512)).toBe('512 B')
    expect(fileSizeText(350 * 1024)).toBe('350 KB')
    expect(fileSizeText(1.25 * 1024 * 1024)).toBe('1.3 MB')
  })
})

describe('server problems', () => {
  it('puts the API field messages on the fields, in Chinese', () => {
    const problems = serverProblems({
      fields: {
        'form.applicant_phone': ['This field is required.'],
        'form.promise': ['Must be ticked to continue.'],
        'form.home.detail': ['1-200 printable characters.'],
        'form.id_number': ['Not a valid resident ID number: the last character does not match; please check each digit.'],
        materials: ['Upload at least one file for: 居民身份证, 本人近期免冠彩色证件照片.'],
        'form.gone': ['Unknown field.'],
      },
    }, FIELDS)
    expect(problems.fields).toEqual({
      applicant_phone: '此项必填',
      promise: '请勾选后继续',
      home: '内容过长或含有无法识别的特殊字符',
      id_number: '身份证号码校验位不正确，请核对',
    })
    expect(problems.materials).toEqual(['居民身份证', '本人近期免冠彩色证件照片'])
    expect(problems.other).toEqual(['表单已更新，请刷新页面后重新填写'])
  })

  it('copes with details that are not what it expects', () => {
    expect(serverProblems({}, FIELDS)).toEqual({ fields: {}, materials: [], other: [] })
    expect(serverProblems({ fields: { 'form.title': 'not a list' } }, FIELDS).fields).toEqual({ title: '填写有误，请检查' })
    expect(serverFieldMessage('Something new.')).toBe('填写有误，请检查')
    expect(serverFieldMessage('Must be a date YYYY-MM-DD, not before 2026-12-04.')).toBe('日期不在允许的范围内')
  })
})
