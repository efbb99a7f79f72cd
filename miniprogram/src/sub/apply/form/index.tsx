import { useMemo, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'

import {
  type Application, type ApplicationFile, type ApplyItem, createApplication, getApplication, getApplyItem,
  removeMaterialFile, resubmitApplication, submitApplication, updateApplication, uploadMaterial,
} from '../../../api/applications'
import { isApiError } from '../../../api/errors'
import { getMe } from '../../../api/identity'
import { newIdempotencyKey } from '../../../api/idempotency'
import { hasTokens } from '../../../api/tokens'
import ErrorBox from '../../../components/ErrorBox'
import LoginCard from '../../../components/LoginCard'
import Screen from '../../../components/Screen'
import { actingFor, getActing } from '../../../store/acting'
import {
  type Answers, checkForm, type FieldValue, fileSizeText, type FormField, formChanges, type FormValues, initialValues,
  localDay, type MaterialLine, maskedFields, missingUploads, parseDefinition, pickedFileProblem, serverProblems,
  valueFromAnswer,
} from '../../../utils/applicationForm'
import { latestCorrection, statusText } from '../../../utils/applicationFormat'
import { applicationPageUrl, applyPageUrl } from '../../../utils/applyRoutes'
import { assuranceText, materialAmount } from '../../../utils/catalogFormat'
import { formatDateTime, levelLabel } from '../../../utils/format'
import { returnTo } from '../../../utils/identityNav'
import { realNamePageUrl } from '../../../utils/identityRoutes'
import { itemPageUrl, readIdParam, readParam } from '../../../utils/routes'
import { useLoad } from '../../../utils/useLoad'
import FieldInput from './FieldInput'
import { type PickSource, pickFile, pickSources, releasePicked } from './pickFile'

import '../apply.css'

const EDITABLE = ['draft', 'correction']

interface Loaded {
  item: ApplyItem
  app: Application | null
  /** The resident's own level, to say before they start what the item needs; null when unknown (代办). */
  level: number | null
}

async function loadPage (code: string, id: number | null): Promise<Loaded> {
  if (id !== null) {
    const app = await getApplication(id)
    return { item: await getApplyItem(app.item_code), app, level: null }
  }
  if (!code) throw new Error('没有指定要申请的事项，请从办事指南进入。')
  const item = await getApplyItem(code)
  let level: number | null = null
  if (!getActing()) {
    try {
      level = (await getMe()).assurance_level
    } catch {
      level = null // the create answers ASSURANCE_REQUIRED anyway
    }
  }
  return { item, app: null, level }
}

function answersOf (app: Application | null): Answers {
  const form = app?.form
  return form && typeof form === 'object' && !Array.isArray(form) ? form as Answers : {}
}

function MaterialFiles ({ files, editable, removing, onRemove }: {
  files: ApplicationFile[]
  editable: boolean
  removing: number | null
  onRemove: (file: ApplicationFile) => void
}) {
  if (!files.length) return <Text className='apply-material__none'>还没有上传</Text>
  return (
    <View className='apply-files'>
      {files.map((file) => (
        <View key={file.id} className='apply-file' id={`apply-file-${file.id}`} data-testid='apply-file' data-material={file.material}>
          <Text className='apply-file__name'>{file.filename}</Text>
          <View className='apply-file__meta'>
            <Text className='apply-file__size'>已上传 · {fileSizeText(file.size)}</Text>
            {editable ? (
              <Button
                className='pg-button pg-button--danger pg-button--small apply-file__remove'
                id={`apply-file-${file.id}-remove`}
                aria-label={`删除文件 ${file.filename}`}
                disabled={removing === file.id || undefined}
                aria-disabled={removing === file.id ? 'true' : undefined}
                onClick={() => onRemove(file)}
              >
                {removing === file.id ? '删除中…' : '删除'}
              </Button>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}

function Form ({ data, code, onReload }: { data: Loaded, code: string, onReload: () => void }) {
  const { item } = data
  const fields = useMemo<FormField[]>(() => parseDefinition(item.application_form), [item])
  const today = useMemo(() => localDay(), [])

  const [app, setApp] = useState<Application | null>(data.app)
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, answersOf(data.app)))
  const [saved, setSaved] = useState<Answers>(() => answersOf(data.app))
  const [masked, setMasked] = useState<Set<string>>(() => maskedFields(fields, answersOf(data.app)))
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [showAll, setShowAll] = useState(false)
  const [serverFields, setServerFields] = useState<Record<string, string>>({})
  const [serverMaterials, setServerMaterials] = useState<string[]>([])
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [notice, setNotice] = useState('')
  const [uploading, setUploading] = useState<string | null>(null)
  const [removing, setRemoving] = useState<number | null>(null)
  const [uploadError, setUploadError] = useState<{ material: string, error: unknown } | null>(null)
  // One Idempotency-Key per draft creation: the same on a retry of the same answers.
  const createKey = useRef<{ key: string, body: string } | null>(null)

  /** Takes the server's copy: answers saved, masks, files; the resident's unsaved edits stay. */
  function take (next: Application) {
    const answers = answersOf(next)
    const nextMasked = maskedFields(fields, answers)
    setApp(next)
    setSaved(answers)
    setMasked(nextMasked)
    setValues((current) => {
      const updated = { ...current }
      for (const field of fields) if (nextMasked.has(field.name)) updated[field.name] = valueFromAnswer(field, answers[field.name])
      return updated
    })
  }

  const status = app?.status ?? 'draft'
  const editable = EDITABLE.includes(status)
  const here = app ? applyPageUrl({ id: app.id }) : applyPageUrl({ item: code })

  const lines: MaterialLine[] = app
    ? app.materials
    : item.materials.map((m) => ({ name: m.name, required: m.required, upload: m.upload, files: 0 }))
  const uploadLines = lines.filter((l) => l.upload)
  const otherMaterials = item.materials.filter((m) => !m.upload)
  const files = app?.files ?? []

  const draftProblems = checkForm(fields, values, { today, partial: true }, masked)
  const fullProblems = checkForm(fields, values, { today, partial: false }, masked)
  const missing = missingUploads(lines)

  function problemOf (name: string): string {
    const local = showAll ? fullProblems[name] : (touched.has(name) ? draftProblems[name] : '')
    return local || serverFields[name] || ''
  }

  const summary = showAll
    ? [
        ...fields.filter((f) => fullProblems[f.name]).map((f) => `${f.label}：${fullProblems[f.name]}`),
        ...[...new Set([...missing, ...serverMaterials])].map((name) => `请上传：${name}`),
      ]
    : []

  function change (name: string, value: FieldValue) {
    setValues((current) => ({ ...current, [name]: value }))
    setTouched((current) => new Set(current).add(name))
    setServerFields(({ [name]: _gone, ...rest }) => rest)
    setNotice('')
  }

  function touch (name: string) {
    setTouched((current) => new Set(current).add(name))
  }

  function unmask (field: FormField) {
    setMasked((current) => {
      const next = new Set(current)
      next.delete(field.name)
      return next
    })
    change(field.name, '')
  }

  /** Creates the draft with the answers given (only the valid ones when `onlyValid`: an upload comes first). */
  async function create (onlyValid: boolean): Promise<Application> {
    const usable = onlyValid ? fields.filter((f) => !draftProblems[f.name]) : fields
    const body = { item_code: item.code, form: formChanges(usable, values, {}, masked), ...actingFor() }
    const text = JSON.stringify(body)
    if (!createKey.current || createKey.current.body !== text) createKey.current = { key: newIdempotencyKey(), body: text }
    const created = await createApplication(body, createKey.current.key)
    take(created)
    return created
  }

  /** Saves the answers that changed (creating the draft first when there is none). */
  async function persist (): Promise<Application> {
    if (!app) return create(false)
    const changes = formChanges(fields, values, saved, masked)
    if (Object.keys(changes).length === 0) return app
    const updated = await updateApplication(app.id, changes)
    take(updated)
    return updated
  }

  function failed (e: unknown) {
    if (isApiError(e) && e.code === 'VALIDATION_ERROR') {
      const problems = serverProblems(e.details, fields)
      setServerFields(problems.fields)
      setServerMaterials(problems.materials)
      setShowAll(true)
    }
    if (isApiError(e) && e.code === 'INVALID_TRANSITION' && app) onReload()
    setError(e)
    Taro.pageScrollTo({ selector: '#apply-bottom', duration: 0 }).catch(() => undefined)
  }

  async function onSave () {
    if (busy) return
    setNotice('')
    setError(null)
    const wrong = Object.keys(draftProblems)
    if (wrong.length) {
      setTouched((current) => new Set([...current, ...wrong]))
      setError(new Error('有内容填写不正确，请按红字提示改正后再保存。'))
      return
    }
    setBusy('save')
    try {
      const result = await persist()
      setNotice(`草稿已保存（${formatDateTime(result.updated_at)}），可以稍后在“我的办件”里继续填写。`)
    } catch (e) {
      failed(e)
    } finally {
      setBusy(null)
    }
  }

  async function onSubmit () {
    if (busy) return
    setNotice('')
    setError(null)
    setShowAll(true)
    if (Object.keys(fullProblems).length || missing.length) {
      Taro.pageScrollTo({ selector: '#apply-problems', duration: 0 }).catch(() => undefined)
      return
    }
    setBusy('submit')
    try {
      const current = await persist()
      const sent = current.status === 'correction' ? await resubmitApplication(current.id) : await submitApplication(current.id)
      Taro.showToast({ title: '已提交', icon: 'success' }).catch(() => undefined)
      // Back to the progress page the 补正 came from (it looks again when shown), else to a new one.
      await returnTo(applicationPageUrl({ id: sent.id }))
    } catch (e) {
      failed(e)
    } finally {
      setBusy(null)
    }
  }

  async function onPick (material: string, source: PickSource) {
    if (uploading || busy) return
    setUploadError(null)
    setNotice('')
    let picked
    try {
      picked = await pickFile(source)
    } catch (e) {
      setUploadError({ material, error: e })
      return
    }
    if (!picked) return
    const problem = pickedFileProblem(picked)
    if (problem) {
      releasePicked(picked)
      setUploadError({ material, error: new Error(problem) })
      return
    }
    setUploading(material)
    try {
      const current = app ?? await create(true)
      await uploadMaterial(current.id, material, picked)
      take(await getApplication(current.id))
      setServerMaterials((list) => list.filter((name) => name !== material))
    } catch (e) {
      setUploadError({ material, error: e })
    } finally {
      releasePicked(picked)
      setUploading(null)
    }
  }

  async function onRemove (file: ApplicationFile) {
    if (!app || removing !== null) return
    const answer = await Taro.showModal({ title: '删除这个文件？', content: file.filename, confirmText: '删除', cancelText: '保留' })
    if (!answer.confirm) return
    setRemoving(file.id)
    setUploadError(null)
    try {
      await removeMaterialFile(app.id, file.id)
      take(await getApplication(app.id))
    } catch (e) {
      setUploadError({ material: file.material, error: e })
    } finally {
      setRemoving(null)
    }
  }

  const needLevel = !app && data.level !== null && data.level < item.assurance_level
  const levelError = isApiError(error) && error.code === 'ASSURANCE_REQUIRED'
  const requiredLevel = levelError && typeof error.details.required_level === 'number' ? error.details.required_level : item.assurance_level

  if (!app && !item.online) {
    return (
      <View className='pg-card' id='apply-not-online' data-testid='apply-not-online'>
        <Text className='pg-card__title'>{item.name}</Text>
        <Text className='pg-text'>本事项暂不支持网上申请，请按办事指南到大厅办理。</Text>
        <Button className='pg-button' id='apply-guide' onClick={() => Taro.redirectTo({ url: itemPageUrl(item.code) })}>查看办事指南</Button>
      </View>
    )
  }

  const correction = status === 'correction' ? latestCorrection(app?.timeline ?? []) : null
  const correctionItems = app?.correction?.length ? app.correction : correction?.items ?? []

  return (
    <View>
      <View className='pg-card apply-head' id='apply-head' data-testid='apply-head' data-status={status}>
        <Text className='apply-head__name' id='apply-item-name' data-testid='apply-item-name'>{item.name}</Text>
        <Text className='pg-secondary'>{item.department}</Text>
        {app ? (
          <Text className='pg-secondary' id='apply-status' data-testid='apply-status'>
            {status === 'draft' ? `草稿，最后保存于 ${formatDateTime(app.updated_at)}` : statusText(status)}
          </Text>
        ) : <Text className='pg-secondary'>填写信息、上传材料后提交，提交后可随时查看办理进度。</Text>}
      </View>

      {correction || correctionItems.length ? (
        <View className='pg-card apply-correction' id='apply-correction' data-testid='apply-correction' role='status'>
          <Text className='pg-card__title'>需要您补正</Text>
          <Text className='pg-text'>工作人员请您补充或修改以下内容，改好后点“重新提交”：</Text>
          {correctionItems.map((line, i) => (
            <Text key={i} className='apply-correction__item' data-testid='apply-correction-item'>{i + 1}. {line}</Text>
          ))}
          {correction?.comment ? <Text className='pg-secondary'>工作人员留言：{correction.comment}</Text> : null}
        </View>
      ) : null}

      {needLevel || levelError ? (
        <View className='pg-card apply-level' id='apply-level' data-testid='apply-level' role='alert'>
          <Text className='pg-text'>
            办理本事项{assuranceText(requiredLevel) || '需要更高的认证等级'}
            {data.level !== null ? `，您当前为 ${levelLabel(data.level)}` : ''}。
          </Text>
          <Button className='pg-button' id='apply-real-name' onClick={() => Taro.navigateTo({ url: realNamePageUrl({ next: here, need: requiredLevel }) })}>
            去认证
          </Button>
        </View>
      ) : null}

      {!editable && app ? (
        <View className='pg-card' id='apply-locked' data-testid='apply-locked'>
          <Text className='pg-text'>这件申请{statusText(status)}，现在不能修改。</Text>
          <Button className='pg-button' id='apply-progress' onClick={() => Taro.redirectTo({ url: applicationPageUrl({ id: app.id }) })}>
            查看办理进度
          </Button>
        </View>
      ) : null}

      <View className='pg-card' id='apply-form' data-testid='apply-form' data-fields={fields.length}>
        <Text className='pg-card__title'>填写申请信息</Text>
        {fields.length === 0 ? <Text className='pg-text' id='apply-no-fields'>本事项无需填写表单，上传材料后即可提交。</Text> : null}
        {fields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            value={values[field.name]}
            problem={problemOf(field.name)}
            masked={masked.has(field.name)}
            today={today}
            disabled={!editable || busy !== null}
            onChange={(value) => change(field.name, value)}
            onTouch={() => touch(field.name)}
            onUnmask={() => unmask(field)}
          />
        ))}
      </View>

      <View className='pg-card' id='apply-materials' data-testid='apply-materials' data-count={uploadLines.length}>
        <Text className='pg-card__title'>上传材料</Text>
        {uploadLines.length === 0 ? <Text className='pg-text' id='apply-no-uploads'>本事项无需上传材料。</Text> : (
          <Text className='pg-muted'>请拍照或选择清晰的照片、PDF 文件，每个文件不超过 8 MB。</Text>
        )}
        {uploadLines.map((line, index) => {
          const material = item.materials.find((m) => m.name === line.name)
          const mine = files.filter((f) => f.material === line.name)
          const busyHere = uploading === line.name
          const missingHere = showAll && line.required && line.files === 0
          return (
            <View
              key={line.name}
              className={`apply-material${missingHere ? ' apply-material--missing' : ''}`}
              id={`apply-material-${index}`}
              data-testid='apply-material'
              data-name={line.name}
              data-files={line.files}
            >
              <Text className='apply-material__name'>
                {index + 1}. {line.name}
                <Text className={line.required ? 'apply-required' : 'apply-optional'}>{line.required ? '（必须上传）' : '（视情形）'}</Text>
              </Text>
              {material ? <Text className='pg-secondary'>{materialAmount(material)}{material.condition ? `；情形：${material.condition}` : ''}</Text> : null}
              {material?.notes ? <Text className='pg-secondary'>说明：{material.notes}</Text> : null}
              <MaterialFiles files={mine} editable={editable} removing={removing} onRemove={onRemove} />
              {editable ? (
                <View className='apply-material__actions'>
                  {pickSources().map(({ source, label }) => (
                    <Button
                      key={source}
                      className={`pg-button pg-button--secondary pg-button--small apply-material__pick${uploading ? ' pg-button--disabled' : ''}`}
                      id={`apply-material-${index}-${source}`}
                      data-testid={`apply-material-${source}`}
                      aria-label={`${label}：${line.name}`}
                      disabled={uploading !== null || undefined}
                      aria-disabled={uploading !== null ? 'true' : undefined}
                      onClick={() => onPick(line.name, source)}
                    >
                      {busyHere ? '正在上传…' : label}
                    </Button>
                  ))}
                </View>
              ) : null}
              {uploadError?.material === line.name ? (
                <ErrorBox id={`apply-material-${index}-error`} error={uploadError.error} />
              ) : null}
            </View>
          )
        })}
        {otherMaterials.length ? (
          <View className='apply-others' id='apply-other-materials'>
            <Text className='apply-others__title'>以下材料无需上传，办理时如需要工作人员会告知：</Text>
            {otherMaterials.map((m) => <Text key={m.name} className='pg-secondary'>· {m.name}</Text>)}
          </View>
        ) : null}
      </View>

      <View id='apply-bottom'>
        {summary.length ? (
          <View className='pg-error' id='apply-problems' data-testid='apply-problems' role='alert'>
            <Text className='apply-problems__title'>提交前还需要完成：</Text>
            {summary.map((line, i) => <Text key={i} className='apply-problems__line' data-testid='apply-problem-line'>{line}</Text>)}
          </View>
        ) : null}
        {error ? <ErrorBox id='apply-error' error={error} /> : null}
        {notice ? <View className='pg-notice' id='apply-notice' data-testid='apply-notice' role='status'>{notice}</View> : null}

        {editable ? (
          <View className='apply-actions'>
            <Button
              className={`pg-button${busy ? ' pg-button--disabled' : ''}`}
              id='apply-submit'
              data-testid='apply-submit'
              disabled={busy !== null || undefined}
              aria-disabled={busy !== null ? 'true' : undefined}
              onClick={onSubmit}
            >
              {busy === 'submit' ? '正在提交…' : status === 'correction' ? '重新提交' : '提交申请'}
            </Button>
            <Button
              className={`pg-button pg-button--secondary${busy ? ' pg-button--disabled' : ''}`}
              id='apply-save'
              data-testid='apply-save'
              disabled={busy !== null || undefined}
              aria-disabled={busy !== null ? 'true' : undefined}
              onClick={onSave}
            >
              {busy === 'save' ? '正在保存…' : '保存草稿'}
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  )
}

export default function ApplyForm () {
  const { params } = useRouter()
  const code = readParam(params.item)
  const id = readIdParam(params.id)
  const [loggedIn] = useState(hasTokens)
  const load = useLoad(() => (loggedIn ? loadPage(code, id) : Promise.resolve(null)), [code, id, loggedIn])
  const [version, setVersion] = useState(0)
  const firstShow = useRef(true)

  // Back from 实名认证: the level (and with it the 去认证 card) is read again; the answers typed stay.
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else if (load.data) load.reload()
  })

  const here = id !== null ? applyPageUrl({ id }) : applyPageUrl({ item: code })

  return (
    <Screen id='apply'>
      {!loggedIn ? (
        <LoginCard id='apply-login' title='请先登录' text='在线申请需要先登录，以便保存您的申请并通知您办理进度。' redirect={here} />
      ) : load.data ? (
        <Form key={version} data={load.data} code={code} onReload={() => load.reload().then(() => setVersion((v) => v + 1))} />
      ) : load.error ? (
        <View>
          <ErrorBox id='apply-load-error' error={load.error} onRetry={load.reload} />
          {code ? (
            <Button className='pg-button pg-button--secondary' id='apply-back-guide' onClick={() => Taro.redirectTo({ url: itemPageUrl(code) })}>
              查看办事指南
            </Button>
          ) : null}
        </View>
      ) : (
        <View className='pg-state' id='apply-loading' data-testid='apply-loading' role='status'>正在加载…</View>
      )}
    </Screen>
  )
}
