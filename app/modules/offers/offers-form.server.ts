// The offer form's flat fields as the API's input: tags separated by commas, weekdays as checkboxes, area as "community:<id>" or "street:<id>".
export function offerInputFromForm(values: Record<string, string>, weekdays: string[]) {
  const [areaKind, areaId] = (values.area ?? "").split(":");
  return {
    organisationId: values.organisationId,
    title: values.title,
    description: values.description,
    category: values.category,
    tags: (values.tags ?? "")
      .split(/[,，、\s]+/)
      .map((t) => t.trim())
      .filter(Boolean),
    communityId: areaKind === "community" ? areaId : undefined,
    streetId: areaKind === "street" ? areaId : undefined,
    capacityPerMonth: values.capacityPerMonth ? Number(values.capacityPerMonth) : undefined,
    weekdays: weekdays.map(Number),
  };
}
