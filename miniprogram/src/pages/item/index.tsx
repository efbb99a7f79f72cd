import { type ReactNode, useEffect, useState } from 'react'
import { Button, Navigator, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'

import { getItem } from '../../api/catalog'
import { checklistPath, linkUrl } from '../../api/catalogQuery'
import type { ItemGuide, Material } from '../../api/catalogTypes'
import { API_BASE, apiUrl } from '../../api/url'
import Badges from '../../components/Badges'
import ErrorBox from '../../components/ErrorBox'
import PhoneLink from '../../components/PhoneLink'
import Screen from '../../components/Screen'
import { itemActions } from '../../utils/bookingRoutes'
import {
  assuranceText, feeView, groupHandledAt, itemBadges, materialAmount, processingLabel, splitMaterials, visitsLabel,
  workingDays,
} from '../../utils/catalogFormat'
import { openExternal } from '../../utils/device'
import { HALLS_PAGE, hallsPageUrl, readParam } from '../../utils/routes'

import './index.css'

function Section ({ id, title, children }: { id: string, title: string, children: ReactNode }) {
  return (
    <View className='pg-card guide__section' id={id} data-testid={id}>
      <Text className='pg-card__title'>{title}</Text>
      {children}
    </View>
  )
}

function Row ({ label, value, id }: { label: string, value: string, id?: string }) {
  return (
    <View className='guide__row'>
      <Text className='guide__row-label'>{label}</Text>
      <Text className='guide__row-value' id={id} data-testid={id}>{value}</Text>
    </View>
  )
}

function MaterialLine ({ material, number }: { material: Material, number: number }) {
  return (
    <View className='guide__material' data-testid='material' data-required={material.required ? 'true' : 'false'}>
      <Text className='guide__material-name'>{number}. {material.name}</Text>
      {!material.required && material.condition ? (
        <Text className='guide__condition' data-testid='material-condition'>情形：{material.condition}</Text>
      ) : null}
      <Text className='pg-secondary'>{materialAmount(material)}</Text>
      {material.source ? <Text className='pg-secondary'>来源：{material.source}</Text> : null}
      {material.notes ? <Text className='pg-secondary'>说明：{material.notes}</Text> : null}
      {material.sample_url ? (
        <View className='pg-link guide__sample' role='link' onClick={() => openExternal(linkUrl(API_BASE, material.sample_url ?? ''))}>
          查看样表
        </View>
      ) : null}
    </View>
  )
}

/** 我要办理: only the ways the item allows (online, appointment, walk-in number). */
function Actions ({ item }: { item: ItemGuide }) {
  const actions = itemActions(item)
  if (actions.length === 0) return null
  return (
    <View className='pg-card' id='guide-actions' data-testid='guide-actions' data-count={actions.length}>
      <Text className='pg-card__title'>我要办理</Text>
      {actions.map((action, i) => (
        <View key={action.key} className='guide__action'>
          <Button
            className={`pg-button${i === 0 ? '' : ' pg-button--secondary'} guide__action-button`}
            id={`guide-${action.key}`}
            data-testid={`guide-${action.key}`}
            onClick={() => Taro.navigateTo({ url: action.url }).catch(() => undefined)}
          >
            {action.label}
          </Button>
          <Text className='guide__action-hint'>{action.hint}</Text>
        </View>
      ))}
    </View>
  )
}

function Guide ({ item }: { item: ItemGuide }) {
  const [basisOpen, setBasisOpen] = useState(false)
  const { required, conditional } = splitMaterials(item.materials)
  const fee = feeView(item.fee)
  const halls = groupHandledAt(item.handled_at)
  const assurance = assuranceText(item.assurance_level)

  return (
    <View>
      <View className='pg-card guide__head' id='guide-head' data-testid='guide-head' data-code={item.code}>
        <Text className='guide__name' id='guide-name' data-testid='guide-name'>{item.name}</Text>
        {item.sub_item ? <Text className='pg-secondary'>{item.sub_item}</Text> : null}
        <Text className='pg-secondary'>{item.department}</Text>
        <Badges badges={itemBadges(item)} />
        {assurance ? <Text className='pg-secondary'>办理要求：{assurance}</Text> : null}
        <View
          className='pg-link guide__checklist'
          id='guide-checklist'
          data-testid='guide-checklist'
          role='link'
          onClick={() => openExternal(apiUrl(checklistPath(item.code)))}
        >
          打印/分享告知单
        </View>
      </View>

      <Actions item={item} />

      {item.conditions.length ? (
        <Section id='guide-conditions' title='申请条件'>
          {item.conditions.map((condition, i) => (
            <Text key={i} className='pg-text guide__line'>{i + 1}. {condition}</Text>
          ))}
        </Section>
      ) : null}

      <Section id='guide-materials' title='申请材料（一次性告知）'>
        <Text className='guide__group' id='materials-required' data-count={required.length}>
          必须提交（{required.length} 项）
        </Text>
        {required.map((m, i) => <MaterialLine key={`r${i}`} material={m} number={i + 1} />)}
        {conditional.length ? (
          <View>
            <Text className='guide__group' id='materials-conditional' data-count={conditional.length}>
              视情形提交（{conditional.length} 项）
            </Text>
            {conditional.map((m, i) => <MaterialLine key={`c${i}`} material={m} number={i + 1} />)}
          </View>
        ) : null}
        {item.materials.length === 0 ? <Text className='pg-text'>无需提交材料</Text> : null}
      </Section>

      {item.steps.length ? (
        <Section id='guide-steps' title='办理流程'>
          {item.steps.map((step, i) => (
            <View key={i} className='guide__step'>
              <Text className='guide__step-name'>第 {i + 1} 步 {step.name}</Text>
              {step.description ? <Text className='pg-secondary'>{step.description}</Text> : null}
            </View>
          ))}
        </Section>
      ) : null}

      <Section id='guide-time' title='办理时限'>
        <Row label='办件类型' value={processingLabel(item.processing_type)} id='guide-processing' />
        <Row label='法定办结时限' value={workingDays(item.legal_days)} />
        <Row label='承诺办结时限' value={workingDays(item.promised_days)} id='guide-promised' />
        <Row label='到现场次数' value={visitsLabel(item.visits)} />
        {item.special_procedures.map((p, i) => (
          <Text key={i} className='pg-secondary'>
            特别程序：{p.name}，{workingDays(p.days)}，{p.counts_toward_limit ? '计入' : '不计入'}办结时限
          </Text>
        ))}
      </Section>

      <Section id='guide-fee' title='收费'>
        <Text className={`guide__fee${fee.free ? '' : ' guide__fee--paid'}`} id='guide-fee-summary' data-testid='guide-fee-summary' data-free={fee.free ? 'true' : 'false'}>
          {fee.summary}
        </Text>
        {fee.lines.map((line, i) => (
          <View key={i} className='guide__fee-line' data-testid='fee-line'>
            <Row label={line.name} value={line.amount} />
            {line.basis ? <Text className='pg-secondary'>依据：{line.basis}</Text> : null}
          </View>
        ))}
      </Section>

      <Section id='guide-where' title='办理地点'>
        {halls.length === 0 ? (
          <Text className='pg-text'>{item.visits === 0 ? '本事项全程网上办理，无需到大厅。' : '请咨询办理部门了解办理地点。'}</Text>
        ) : null}
        {halls.map((hall) => (
          <Navigator key={hall.hallId} className='guide__hall' url={hallsPageUrl(hall.hallId)} data-testid='guide-hall'>
            <Text className='guide__hall-name'>{hall.hall}</Text>
            <Text className='pg-secondary'>取号类别：{hall.queues.join('、')}</Text>
            <Text className='pg-link'>查看地址和办公时间</Text>
          </Navigator>
        ))}
        <Navigator className='pg-link guide__all-halls' url={HALLS_PAGE} id='guide-all-halls'>全部办事大厅</Navigator>
      </Section>

      {item.faq.length ? (
        <Section id='guide-faq' title='常见问题'>
          {item.faq.map((qa, i) => (
            <View key={i} className='guide__faq'>
              <Text className='guide__faq-q'>问：{qa.q}</Text>
              <Text className='pg-text'>答：{qa.a}</Text>
            </View>
          ))}
        </Section>
      ) : null}

      {item.consult_phone || item.complaint_phone ? (
        <Section id='guide-phones' title='咨询与投诉'>
          {item.consult_phone ? <PhoneLink label='咨询电话' phone={item.consult_phone} id='guide-consult-phone' /> : null}
          {item.complaint_phone ? <PhoneLink label='投诉电话' phone={item.complaint_phone} id='guide-complaint-phone' /> : null}
        </Section>
      ) : null}

      {item.legal_basis ? (
        <View className='pg-card guide__section' id='guide-basis' data-testid='guide-basis' data-open={basisOpen ? 'true' : 'false'}>
          <View className='guide__toggle' id='guide-basis-toggle' role='button' aria-expanded={basisOpen} onClick={() => setBasisOpen(!basisOpen)}>
            <Text className='pg-card__title guide__toggle-title'>设定依据</Text>
            <Text className='guide__toggle-action'>{basisOpen ? '收起' : '展开'}</Text>
          </View>
          {basisOpen ? <Text className='pg-text' id='guide-basis-text'>{item.legal_basis}</Text> : null}
        </View>
      ) : null}
    </View>
  )
}

export default function Item () {
  const { params } = useRouter()
  const code = readParam(params.code)
  const [item, setItem] = useState<ItemGuide | null>(null)
  const [error, setError] = useState<unknown>(null)

  async function load () {
    setError(null)
    try {
      const guide = await getItem(code)
      setItem(guide)
      Taro.setNavigationBarTitle({ title: guide.name }).catch(() => undefined)
    } catch (e) {
      setError(e)
    }
  }

  useEffect(() => {
    if (code) load()
  }, [code])

  return (
    <Screen id='guide' className='guide'>
      {!code ? <View className='pg-error' id='guide-error' role='alert'>没有指定事项，请从办事列表进入。</View> : null}
      {error ? <ErrorBox id='guide-error' error={error} onRetry={load} /> : null}
      {code && !item && !error ? <Text className='pg-text' id='guide-loading'>正在加载办事指南…</Text> : null}
      {item ? <Guide item={item} /> : null}
    </Screen>
  )
}
